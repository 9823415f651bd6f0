import {mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {ingest} from "../../loaders/ingest/ingest.ts";
import {buildSite} from "../../site/build-site.ts";
import {checkHiddenNames, hiddenDimensions, withoutHiddenNames} from "../../site/hidden-names.ts";
import {openWarehouse} from "../../warehouse/open-warehouse.ts";
import {readRows} from "../../warehouse/read-rows.ts";

const temp = () => mkdtempSync(join(tmpdir(), "shangji-publish-"));

describe("withoutHiddenNames(data, hidden)", () => {
  const data = {slices: {"ytd|all": {deals: [{account_name: "广州科瑞医药有限公司", rep_name: "杨杰强", amount: 1}]}}};

  it("drops the name fields of hidden dimensions at any depth", () => {
    expect(withoutHiddenNames(data, ["accounts"])).toEqual({
      slices: {"ytd|all": {deals: [{rep_name: "杨杰强", amount: 1}]}}
    });
    expect(withoutHiddenNames(data, ["accounts", "reps"])).toEqual({slices: {"ytd|all": {deals: [{amount: 1}]}}});
    expect(withoutHiddenNames(data, [])).toBe(data);
  });

  it("drops hidden columns of compact tables", () => {
    const table = {columns: ["account_name", "rep_id", "amount"], rows: [["Acme", "R001", 5]], total: 5};
    expect(withoutHiddenNames({table}, ["accounts"])).toEqual({
      table: {total: 5, columns: ["rep_id", "amount"], rows: [["R001", 5]]}
    });
  });

  it("reads the hidden dimensions from SHANGJI_HIDE, ignoring unknown ones", () => {
    expect(hiddenDimensions("accounts, reps,contacts")).toEqual(["accounts", "reps"]);
    expect(hiddenDimensions("")).toEqual([]);
  });
});

describe("checkHiddenNames(folder, names)", () => {
  it("fails naming the file that holds a hidden name, as written or JSON-escaped", () => {
    const folder = temp();
    mkdirSync(join(folder, "_file"));
    writeFileSync(join(folder, "index.html"), "<p>overview</p>");
    expect(() => checkHiddenNames(folder, ['Acme "Intl"'])).not.toThrow();
    writeFileSync(join(folder, "_file", "data.json"), JSON.stringify({account_name: 'Acme "Intl"'}));
    expect(() => checkHiddenNames(folder, ['Acme "Intl"'])).toThrow(
      /hides this name, but _file\/data\.json holds "Acme \\"Intl\\""; nothing was published/
    );
  });
});

describe("a public site (publish.hide: accounts)", () => {
  it("contains no account name of the sample", async () => {
    const folder = temp();
    const warehouse = join(folder, "warehouse.duckdb");
    await ingest({paths: ["data/sample"], warehouse});
    const db = await openWarehouse(warehouse, {readOnly: true});
    const names = (await readRows<{name: string}>(db.connection, "SELECT DISTINCT name FROM accounts")).map(
      (r) => r.name
    );
    db.close();
    expect(names.length).toBeGreaterThan(100);

    const out = join(folder, "site");
    await buildSite({warehouse, out, hide: ["accounts"], quiet: true});
    const text = readdirSync(out, {recursive: true, withFileTypes: true})
      .filter((e) => e.isFile() && /\.(html|js|json|css)$/.test(e.name))
      .map((e) => readFileSync(join(e.parentPath, e.name), "utf8"))
      .join("\n");
    expect(text).toContain("商机");
    expect(names.filter((name) => text.includes(name))).toEqual([]);
  }, 600_000);
});
