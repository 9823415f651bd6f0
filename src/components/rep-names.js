/** Each rep's name by id, from the reps page's people (a site that hides names has none: the id stays). */
export function repNames(people) {
  return Object.fromEntries(
    Object.entries(people)
      .filter(([, person]) => person.rep_name)
      .map(([id, person]) => [id, person.rep_name])
  );
}
