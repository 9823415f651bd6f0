import {passphraseText} from "../locales/passphrase.js";
import {translator} from "./i18n.js";

// the envelope of site/seal-site.ts: magic, a JSON header line, AES-256-GCM ciphertext and tag
const MAGIC = new TextEncoder().encode("SHANGJI-SEALED\n");
const STORAGE_PREFIX = "shangji.siteKey.";

/** per build (salt), the key of this visit: every cell of a page waits for the same one */
const keys = new Map();

/**
 * A page data file's JSON. The files of a password-protected site are sealed: the first one read asks for
 * the passphrase (once per visit; the derived key is kept for the tab's session) and each is decrypted in
 * the browser.
 *
 * @example const data = await readJson(FileAttachment("data/overview.json"));
 */
export async function readJson(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const envelope = parseEnvelope(bytes);
  const plain = envelope ? await openEnvelope(envelope, await siteKey(envelope)) : bytes;
  return JSON.parse(new TextDecoder().decode(plain));
}

/** A sealed file's header, authenticated head and ciphertext with tag; null for a plain file. */
export function parseEnvelope(bytes) {
  if (bytes.length < MAGIC.length || MAGIC.some((byte, i) => bytes[i] !== byte)) return null;
  const end = bytes.indexOf(0x0a, MAGIC.length);
  if (end < 0) throw new Error("sealed file without a header");
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length, end)));
  if (header.v !== 1) throw new Error(`sealed file version ${header.v} is not supported`);
  return {header, head: bytes.subarray(0, end + 1), body: bytes.subarray(end + 1)};
}

/** The raw AES key a passphrase gives under a header's salt and iterations (PBKDF2-HMAC-SHA256). */
export async function keyBytes(passphrase, header) {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(passphrase), "PBKDF2", false, [
    "deriveBits"
  ]);
  const bits = await crypto.subtle.deriveBits(
    {name: "PBKDF2", hash: "SHA-256", salt: fromBase64(header.salt), iterations: header.iterations},
    material,
    256
  );
  return new Uint8Array(bits);
}

export function aesKey(raw) {
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["decrypt"]);
}

/** The plain bytes; rejects with an OperationError when the key is not the file's. */
export async function openEnvelope({header, head, body}, key) {
  const iv = fromBase64(header.iv);
  return new Uint8Array(await crypto.subtle.decrypt({name: "AES-GCM", iv, additionalData: head}, key, body));
}

function siteKey(envelope) {
  const {salt} = envelope.header;
  if (!keys.has(salt)) keys.set(salt, unlock(envelope));
  return keys.get(salt);
}

/** The key of the visit if it opens this file, else the one the visitor's passphrase gives. */
async function unlock(envelope) {
  const name = STORAGE_PREFIX + envelope.header.salt;
  const stored = sessionStorage.getItem(name);
  if (stored) {
    const key = await aesKey(fromBase64(stored));
    if (await opens(envelope, key)) return key;
    sessionStorage.removeItem(name);
  }
  const raw = await askPassphrase(envelope);
  sessionStorage.setItem(name, toBase64(raw));
  return aesKey(raw);
}

async function opens(envelope, key) {
  try {
    await openEnvelope(envelope, key);
    return true;
  } catch (error) {
    if (error?.name === "OperationError") return false;
    throw error;
  }
}

/** A modal form asking for the passphrase until one opens `envelope`; resolves with its raw key. */
function askPassphrase(envelope) {
  const t = translator(envelope.header.locale, passphraseText);
  const id = "shangji-passphrase";
  const dialog = element("dialog", {className: "passphrase-dialog"});
  dialog.setAttribute("aria-labelledby", `${id}-title`);
  dialog.style.cssText = "max-width: min(28rem, calc(100vw - 2rem)); padding: 1.25rem 1.5rem; border-radius: 6px;";
  const input = element("input", {type: "password", id, name: "passphrase", autocomplete: "current-password"});
  input.required = true;
  input.style.cssText = "display: block; width: 100%; box-sizing: border-box; margin: 0.25rem 0 0.5rem; font: inherit;";
  input.setAttribute("aria-describedby", `${id}-error`);
  const error = element("p", {id: `${id}-error`, className: "passphrase-error"});
  error.setAttribute("role", "alert");
  error.style.cssText = "min-height: 1.5em; margin: 0 0 0.5rem; color: var(--theme-red, #b3261e);";
  const button = element("button", {type: "submit", textContent: t("passphrase.submit")});
  const form = element(
    "form",
    {},
    element("h2", {id: `${id}-title`, textContent: t("passphrase.title")}),
    element("p", {textContent: t("passphrase.intro")}),
    element("label", {htmlFor: id, textContent: t("passphrase.label")}),
    input,
    error,
    button
  );
  dialog.append(form);
  // nothing on the page can be shown without the passphrase
  dialog.addEventListener("cancel", (event) => event.preventDefault());
  let answered = false;
  // Chromium closes a modal dialog on a second Escape even when its cancel event is prevented
  dialog.addEventListener("close", () => answered || dialog.showModal());
  return new Promise((resolve, reject) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      button.disabled = true;
      button.textContent = t("passphrase.checking");
      try {
        const raw = await keyBytes(input.value, envelope.header);
        if (await opens(envelope, await aesKey(raw))) {
          answered = true;
          dialog.close();
          dialog.remove();
          return resolve(raw);
        }
        error.textContent = t("passphrase.wrong");
        input.setAttribute("aria-invalid", "true");
        input.value = "";
        input.focus();
      } catch (failure) {
        answered = true;
        dialog.remove();
        return reject(failure);
      } finally {
        button.disabled = false;
        button.textContent = t("passphrase.submit");
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}

function element(tag, properties, ...children) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function toBase64(bytes) {
  return btoa(String.fromCharCode(...bytes));
}
