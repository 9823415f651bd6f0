import {describe, expect, it} from "vitest";
import {detectDelimiter} from "../../loaders/read/detect-delimiter.ts";

describe("detectDelimiter(sample, preferred?)", () => {
  it("finds commas", () => {
    expect(detectDelimiter("id,name,amount\n1,A,5\n2,B,6\n")).toBe(",");
  });

  it("finds semicolons in an export with decimal commas", () => {
    expect(detectDelimiter("id;name;amount\n1;A;1.234,50\n2;B;6,00\n")).toBe(";");
  });

  it("finds tabs", () => {
    expect(detectDelimiter("id\tname\tamount\n1\tA, Inc\t5\n")).toBe("\t");
  });

  it("finds pipes", () => {
    expect(detectDelimiter("id|name\n1|A\n")).toBe("|");
  });

  it("is not misled by commas inside quoted fields", () => {
    expect(detectDelimiter('id;name;city\n1;"Acme, Inc";"Paris, France"\n2;"B, C";"D, E"\n')).toBe(";");
  });

  it("reads a file with a single column as comma-separated", () => {
    expect(detectDelimiter("id\n1\n2\n")).toBe(",");
  });

  it("keeps the preferred delimiter when it fits", () => {
    expect(detectDelimiter("id\tname\n1\tA\n", "\t")).toBe("\t");
  });
});
