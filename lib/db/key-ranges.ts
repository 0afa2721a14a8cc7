import Dexie, { type IndexableType, type WhereClause } from 'dexie';

/** The key range of a compound index's entries whose first parts are `prefix` (for `inAnyRange`). */
export function prefixRange(...prefix: IndexableType[]): [unknown[], unknown[]] {
  return [
    [...prefix, Dexie.minKey],
    [...prefix, Dexie.maxKey],
  ];
}

/** A compound index's entries whose first parts are `prefix`, in the index's order. */
export function startingWith<T, TKey, TInsert>(index: WhereClause<T, TKey, TInsert>, ...prefix: IndexableType[]) {
  return index.between(...prefixRange(...prefix));
}
