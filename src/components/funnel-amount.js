/**
 * An amount in its own currency: money format in the site's currency, else the number with its currency
 * code, so amounts of different currencies are never mistaken for each other.
 */
export function amountFormatter(site, fmt) {
  return (amount, currency) =>
    currency && currency !== site.currency ? `${fmt.count(amount)} ${currency}` : fmt.money(amount);
}
