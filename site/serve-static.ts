import {createReadStream, existsSync, statSync} from "node:fs";
import {createServer} from "node:http";
import type {AddressInfo} from "node:net";
import {extname, join, normalize, sep} from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2"
};

/** Serves a folder over HTTP on 127.0.0.1 and an ephemeral port, as a plain static host would (no clean URLs). */
export async function serveStatic(root: string): Promise<{origin: string; close(): Promise<void>}> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, {"content-type": "text/plain"}).end("not found");
      return;
    }
    response.writeHead(200, {"content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream"});
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const {port} = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      })
  };
}
