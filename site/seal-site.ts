import {createCipheriv, createDecipheriv, createSecretKey, pbkdf2, randomBytes, type KeyObject} from "node:crypto";
import {closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {promisify} from "node:util";
import {CliError, EXIT} from "../config/cli-error.ts";
import type {SiteLocale} from "./site-locale.ts";

/**
 * A sealed file is SEAL_MAGIC, one line of JSON header, then the AES-256-GCM ciphertext followed by its
 * 16-byte tag. The header, {v: 1, iterations, salt, iv, locale} (salt and iv in base64), says how to derive
 * the key from the passphrase (PBKDF2-HMAC-SHA256) and in which language to ask for it; magic and header
 * are the cipher's additional data, so neither changes unnoticed. src/components/read-json.js opens it in
 * the browser.
 */
export const SEAL_MAGIC = "SHANGJI-SEALED\n";
export const SEAL_VERSION = 1;
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256 */
export const SEAL_ITERATIONS = 600_000;
export const MIN_PASSPHRASE_LENGTH = 12;
/** the variable holding a password-protected site's passphrase (a CI secret) */
export const PASSPHRASE_VARIABLE = "SHANGJI_SITE_PASSPHRASE";

const TAG_BYTES = 16;
const pbkdf2Async = promisify(pbkdf2);

export interface SealHeader {
  v: number;
  iterations: number;
  salt: string;
  iv: string;
  locale: SiteLocale;
}

/** One build's key: derived once, from the passphrase and a salt of its own. */
export interface SiteCipher {
  key: KeyObject;
  salt: Buffer;
  iterations: number;
  locale: SiteLocale;
}

/** The passphrase of a password-protected site, or a usage error naming the variable to set. */
export function requirePassphrase(passphrase: string | undefined): string {
  if (!passphrase) {
    throw new CliError(
      `a password-protected site ("access": "password") needs its passphrase in ${PASSPHRASE_VARIABLE}`,
      {
        exitCode: EXIT.usage
      }
    );
  }
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new CliError(
      `${PASSPHRASE_VARIABLE} is too short: a site passphrase needs ${MIN_PASSPHRASE_LENGTH} characters or more`,
      {
        exitCode: EXIT.usage
      }
    );
  }
  return passphrase;
}

/** Derives a build's key from the passphrase under a new random salt (or the one given). */
export async function siteCipher(
  passphrase: string,
  locale: SiteLocale,
  {salt = randomBytes(16), iterations = SEAL_ITERATIONS}: {salt?: Buffer; iterations?: number} = {}
): Promise<SiteCipher> {
  const key = createSecretKey(await pbkdf2Async(passphrase, salt, iterations, 32, "sha256"));
  return {key, salt, iterations, locale};
}

/**
 * The key of a password-protected site's page names (hex): the same passphrase gives the same names, so
 * links stay valid from build to build, and the names reveal no rep id or channel.
 */
export async function slugKey(passphrase: string): Promise<string> {
  return (await pbkdf2Async(passphrase, "shangji page names", SEAL_ITERATIONS, 32, "sha256")).toString("hex");
}

export function sealBytes(plain: Uint8Array | string, cipher: SiteCipher): Buffer {
  const header: SealHeader = {
    v: SEAL_VERSION,
    iterations: cipher.iterations,
    salt: cipher.salt.toString("base64"),
    iv: randomBytes(12).toString("base64"),
    locale: cipher.locale
  };
  const head = Buffer.from(`${SEAL_MAGIC}${JSON.stringify(header)}\n`, "utf8");
  const aes = createCipheriv("aes-256-gcm", cipher.key, Buffer.from(header.iv, "base64")).setAAD(head);
  const body = Buffer.concat([aes.update(typeof plain === "string" ? Buffer.from(plain, "utf8") : plain), aes.final()]);
  return Buffer.concat([head, body, aes.getAuthTag()]);
}

export function isSealed(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, SEAL_MAGIC.length)).toString("latin1") === SEAL_MAGIC;
}

/** A sealed file's parts: its header, the bytes the cipher authenticates with it, and ciphertext and tag. */
export function readEnvelope(bytes: Buffer): {header: SealHeader; head: Buffer; body: Buffer; tag: Buffer} {
  const end = bytes.indexOf(0x0a, SEAL_MAGIC.length);
  if (!isSealed(bytes) || end < 0 || bytes.length < end + 1 + TAG_BYTES) throw new Error("not a sealed file");
  const header = JSON.parse(bytes.subarray(SEAL_MAGIC.length, end).toString("utf8")) as SealHeader;
  if (header.v !== SEAL_VERSION) throw new Error(`sealed file version ${header.v} is not supported`);
  return {
    header,
    head: bytes.subarray(0, end + 1),
    body: bytes.subarray(end + 1, bytes.length - TAG_BYTES),
    tag: bytes.subarray(bytes.length - TAG_BYTES)
  };
}

/** The plain bytes of a sealed file, with the build's key or the passphrase (which derives it again). */
export async function openSealed(bytes: Buffer, secret: SiteCipher | string): Promise<Buffer> {
  const {header, head, body, tag} = readEnvelope(bytes);
  const key =
    typeof secret === "string"
      ? (
          await siteCipher(secret, header.locale, {
            salt: Buffer.from(header.salt, "base64"),
            iterations: header.iterations
          })
        ).key
      : secret.key;
  const aes = createDecipheriv("aes-256-gcm", key, Buffer.from(header.iv, "base64")).setAAD(head).setAuthTag(tag);
  try {
    return Buffer.concat([aes.update(body), aes.final()]);
  } catch (error) {
    throw new Error("the passphrase does not open this sealed file (or the file was changed)", {cause: error});
  }
}

export function sealFile(path: string, cipher: SiteCipher): void {
  writeFileSync(path, sealBytes(readFileSync(path), cipher));
}

/** Seals every page data file of a built site (everything under _file/) in place; returns how many. */
export function sealSite(folder: string, cipher: SiteCipher): number {
  const files = dataFiles(folder);
  for (const file of files) sealFile(file, cipher);
  return files.length;
}

/** Whether the built site in `folder` holds sealed page data. */
export function isSealedSite(folder: string): boolean {
  const [first] = dataFiles(folder);
  if (!first) return false;
  const start = Buffer.alloc(SEAL_MAGIC.length);
  const fd = openSync(first, "r");
  try {
    readSync(fd, start, 0, start.length, 0);
  } finally {
    closeSync(fd);
  }
  return isSealed(start);
}

function dataFiles(folder: string): string[] {
  const data = join(folder, "_file");
  if (!existsSync(data)) return [];
  return readdirSync(data, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
