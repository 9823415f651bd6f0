/** Texts of the passphrase form of a password-protected site (components/read-json.js). */
export const passphraseText = {
  en: {
    "passphrase.title": "This site is protected",
    "passphrase.intro": "Enter the passphrase to see its figures. It is asked once per visit.",
    "passphrase.label": "Passphrase",
    "passphrase.submit": "Open",
    "passphrase.checking": "Checking…",
    "passphrase.wrong": "That passphrase does not open this site. Try again."
  },
  "zh-CN": {
    "passphrase.title": "此站点受口令保护",
    "passphrase.intro": "请输入口令以查看数据。每次访问只需输入一次。",
    "passphrase.label": "口令",
    "passphrase.submit": "打开",
    "passphrase.checking": "正在验证…",
    "passphrase.wrong": "口令不正确，请重试。"
  }
};
