/**
 * Suggested reassignments as a list: a line with the move and its gain, then its explanation, all as text.
 * Moves: the page data's reassignment rows.
 */
export function opportunityMoves(moves, {t, fmt}) {
  const list = document.createElement("ol");
  list.className = "opportunity-moves";
  for (const move of moves) {
    const item = list.appendChild(document.createElement("li"));
    item.appendChild(document.createElement("strong")).textContent = t("opportunities.moves.item", {
      opportunity: move.opportunity_id,
      account: move.account_name ?? move.industry,
      from: move.from_rep_name ?? move.from_rep_id,
      to: move.to_rep_name ?? move.to_rep_id,
      before: fmt.percent(move.win_probability_before),
      after: fmt.percent(move.win_probability_after),
      gain: fmt.money(move.expected_value_gain)
    });
    item.appendChild(document.createElement("p")).textContent = move.explanation;
  }
  return list;
}
