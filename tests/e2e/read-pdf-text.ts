import {readFileSync} from "node:fs";
import {getDocument} from "pdfjs-dist/legacy/build/pdf.mjs";

/** The text of every page of a PDF, as PDF.js extracts it for search: one line per page. */
export async function readPdfText(path: string): Promise<string> {
  const document = await getDocument({data: new Uint8Array(readFileSync(path)), isEvalSupported: false}).promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const content = await (await document.getPage(number)).getTextContent();
      pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
    }
    return pages.join("\n");
  } finally {
    await document.destroy();
  }
}
