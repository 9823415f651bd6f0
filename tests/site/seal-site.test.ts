import {createDecipheriv, createHmac, pbkdf2Sync} from "node:crypto";
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, describe, expect, it, vi} from "vitest";
import {channelSlug, repSlug} from "../../site/read-dynamic-paths.ts";
import {
  isSealedSite,
  openSealed,
  requirePassphrase,
  sealBytes,
  sealSite,
  siteCipher,
  slugKey
} from "../../site/seal-site.ts";
import {aesKey, keyBytes, openEnvelope, parseEnvelope, readJson} from "../../src/components/read-json.js";

const PASSPHRASE = "correct horse battery staple";
const SALT = Buffer.from("000102030405060708090a0b0c0d0e0f", "hex");
// fewer rounds than a build's 600,000 keep these tests fast; the format records the count
const ITERATIONS = 1000;
const cipher = () => siteCipher(PASSPHRASE, "zh-CN", {salt: SALT, iterations: ITERATIONS});
const PLAIN = JSON.stringify({rep_name: "杨杰强", won_revenue: 1234567.5});

describe("sealBytes(plain, cipher)", () => {
  it("writes the magic line, a JSON header line, then AES-256-GCM ciphertext and tag", async () => {
    const sealed = sealBytes(PLAIN, await cipher());
    const [magic, headerLine] = sealed.toString("latin1").split("\n");
    expect(magic).toBe("SHANGJI-SEALED");
    const header = JSON.parse(Buffer.from(headerLine, "latin1").toString("utf8"));
    expect(header).toEqual({v: 1, iterations: 1000, salt: "AAECAwQFBgcICQoLDA0ODw==", iv: header.iv, locale: "zh-CN"});
    expect(Buffer.from(header.iv, "base64")).toHaveLength(12);
    // decrypted by hand, as the format describes it: key = PBKDF2-HMAC-SHA256(passphrase, salt, iterations)
    const headLength = magic.length + 1 + headerLine.length + 1;
    const key = pbkdf2Sync(PASSPHRASE, SALT, 1000, 32, "sha256");
    const aes = createDecipheriv("aes-256-gcm", key, Buffer.from(header.iv, "base64"));
    aes.setAAD(sealed.subarray(0, headLength));
    aes.setAuthTag(sealed.subarray(sealed.length - 16));
    const plain = Buffer.concat([aes.update(sealed.subarray(headLength, sealed.length - 16)), aes.final()]);
    expect(plain.toString("utf8")).toBe(PLAIN);
    expect(sealed.length).toBe(headLength + Buffer.byteLength(PLAIN) + 16);
  });

  it("seals the same bytes twice with different IVs and ciphertexts under one salt", async () => {
    const key = await cipher();
    const [a, b] = [sealBytes(PLAIN, key), sealBytes(PLAIN, key)];
    const header = (sealed: Buffer) => JSON.parse(sealed.toString("utf8").split("\n")[1]);
    expect(header(a).salt).toBe(header(b).salt);
    expect(header(a).iv).not.toBe(header(b).iv);
    expect(a.subarray(-40).equals(b.subarray(-40))).toBe(false);
  });

  it("uses 600,000 PBKDF2 rounds and a new 16-byte salt per build by default", async () => {
    const [one, two] = await Promise.all([siteCipher(PASSPHRASE, "en"), siteCipher(PASSPHRASE, "en")]);
    expect(one.iterations).toBe(600_000);
    expect(one.salt).toHaveLength(16);
    expect(one.salt.equals(two.salt)).toBe(false);
  }, 60_000);
});

describe("openSealed(bytes, secret)", () => {
  it("opens a sealed file with the build's key or with the passphrase", async () => {
    const sealed = sealBytes(PLAIN, await cipher());
    expect((await openSealed(sealed, await cipher())).toString("utf8")).toBe(PLAIN);
    expect((await openSealed(sealed, PASSPHRASE)).toString("utf8")).toBe(PLAIN);
  });

  it("fails with a wrong passphrase", async () => {
    const sealed = sealBytes(PLAIN, await cipher());
    await expect(openSealed(sealed, "correct horse battery stapler")).rejects.toThrow(
      "the passphrase does not open this sealed file (or the file was changed)"
    );
  });

  it("fails when the header was changed", async () => {
    const sealed = sealBytes(PLAIN, await cipher());
    const changed = Buffer.from(sealed.toString("latin1").replace('"locale":"zh-CN"', '"locale":"en"'), "latin1");
    await expect(openSealed(changed, PASSPHRASE)).rejects.toThrow(/does not open this sealed file/);
  });
});

describe("requirePassphrase(passphrase)", () => {
  it("asks for SHANGJI_SITE_PASSPHRASE of 12 characters or more, with exit code 2", () => {
    expect(() => requirePassphrase(undefined)).toThrow(
      'a password-protected site ("access": "password") needs its passphrase in SHANGJI_SITE_PASSPHRASE'
    );
    expect(() => requirePassphrase("")).toThrow(expect.objectContaining({exitCode: 2}));
    expect(() => requirePassphrase("elevenchars")).toThrow(
      "SHANGJI_SITE_PASSPHRASE is too short: a site passphrase needs 12 characters or more"
    );
    expect(requirePassphrase("twelve chars")).toBe("twelve chars");
    // characters, not bytes: six Chinese characters are 18 bytes
    expect(() => requirePassphrase("商机商机商机")).toThrow(/too short/);
  });
});

describe("sealSite(folder, cipher)", () => {
  it("seals every file under _file/ and nothing else", async () => {
    const folder = mkdtempSync(join(tmpdir(), "shangji-seal-"));
    mkdirSync(join(folder, "_file", "data", "reps"), {recursive: true});
    writeFileSync(join(folder, "_file", "data", "site.0a1b2c3d.json"), PLAIN);
    writeFileSync(join(folder, "_file", "data", "reps", "r-0123456789ab.4e5f6a7b.json"), "[]");
    writeFileSync(join(folder, "index.html"), "<h1>Overview</h1>");
    expect(isSealedSite(folder)).toBe(false);
    expect(sealSite(folder, await cipher())).toBe(2);
    expect(isSealedSite(folder)).toBe(true);
    expect(readFileSync(join(folder, "index.html"), "utf8")).toBe("<h1>Overview</h1>");
    const rep = readFileSync(join(folder, "_file", "data", "reps", "r-0123456789ab.4e5f6a7b.json"));
    expect((await openSealed(rep, PASSPHRASE)).toString("utf8")).toBe("[]");
  });
});

describe("repSlug(id) and channelSlug(name) with SHANGJI_SLUG_KEY", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("are keyed hashes that keep neither the id nor the name", async () => {
    const key = await slugKey(PASSPHRASE);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).toBe(await slugKey(PASSPHRASE));
    expect(key).not.toBe(await slugKey(`${PASSPHRASE}!`));
    vi.stubEnv("SHANGJI_SLUG_KEY", key);
    const hmac = (text: string) =>
      createHmac("sha256", Buffer.from(key, "hex")).update(text).digest("hex").slice(0, 12);
    expect(repSlug("R001")).toBe(`r-${hmac("rep\0R001")}`);
    expect(channelSlug("referral")).toBe(`c-${hmac("channel\0referral")}`);
    expect(channelSlug("微信")).toMatch(/^c-[0-9a-f]{12}$/);
    expect(repSlug("R001")).not.toBe(repSlug("R002"));
  }, 60_000);

  it("keep the plain names without a key", () => {
    vi.stubEnv("SHANGJI_SLUG_KEY", "");
    expect(repSlug("R001")).toBe("R001");
    expect(channelSlug("referral")).toBe("referral");
  });
});

describe("src/components/read-json.js", () => {
  afterEach(() => vi.unstubAllGlobals());
  const file = (bytes: Uint8Array) => ({arrayBuffer: async () => bytes.slice().buffer});

  it("opens what the build sealed, with WebCrypto", async () => {
    const envelope = parseEnvelope(new Uint8Array(sealBytes(PLAIN, await cipher())))!;
    expect(envelope.header).toMatchObject({v: 1, iterations: 1000, salt: "AAECAwQFBgcICQoLDA0ODw==", locale: "zh-CN"});
    const raw = await keyBytes(PASSPHRASE, envelope.header);
    expect(Buffer.from(raw).equals(pbkdf2Sync(PASSPHRASE, SALT, 1000, 32, "sha256"))).toBe(true);
    expect(new TextDecoder().decode(await openEnvelope(envelope, await aesKey(raw)))).toBe(PLAIN);
  });

  it("rejects a wrong passphrase's key with an OperationError", async () => {
    const envelope = parseEnvelope(new Uint8Array(sealBytes(PLAIN, await cipher())))!;
    const wrong = await aesKey(await keyBytes("correct horse battery stapler", envelope.header));
    await expect(openEnvelope(envelope, wrong)).rejects.toMatchObject({name: "OperationError"});
  });

  it("reads plain JSON as it is, and sealed JSON with the key kept for the visit", async () => {
    expect(parseEnvelope(new TextEncoder().encode(PLAIN))).toBeNull();
    expect(await readJson(file(new TextEncoder().encode(PLAIN)))).toEqual({rep_name: "杨杰强", won_revenue: 1234567.5});
    const stored = new Map([
      ["shangji.siteKey.AAECAwQFBgcICQoLDA0ODw==", pbkdf2Sync(PASSPHRASE, SALT, 1000, 32, "sha256").toString("base64")]
    ]);
    vi.stubGlobal("sessionStorage", {getItem: (name: string) => stored.get(name) ?? null});
    const sealed = sealBytes(PLAIN, await cipher());
    expect(await readJson(file(new Uint8Array(sealed)))).toEqual({rep_name: "杨杰强", won_revenue: 1234567.5});
  });
});
