/** Records grouped by the user they link to, as compact offset/item arrays (a million users, a few links each). */
export interface Grouped {
  start: Int32Array;
  items: Int32Array;
}

export function groupByOwner(owner: Int32Array, owners: number): Grouped {
  const start = new Int32Array(owners + 1);
  for (const o of owner) if (o >= 0) start[o + 1]! += 1;
  for (let i = 0; i < owners; i += 1) start[i + 1]! += start[i]!;
  const fill = start.slice(0, owners);
  const items = new Int32Array(start[owners]!);
  owner.forEach((o, i) => {
    if (o >= 0) items[fill[o]!++] = i;
  });
  return { start, items };
}

export function membersOf(g: Grouped, owner: number): Int32Array {
  return g.items.subarray(g.start[owner]!, g.start[owner + 1]!);
}
