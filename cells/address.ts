/** Grid addresses: column letters then a 1-based row, as in any spreadsheet (`A1`, `C12`, `AB7`). */
export const ADDRESS_PATTERN = /^[A-Z]{1,3}[1-9][0-9]{0,4}$/;

export interface GridPosition {
  /** 0-based column. */
  readonly col: number;
  /** 0-based row. */
  readonly row: number;
}

export function isAddress(s: string): boolean {
  return ADDRESS_PATTERN.test(s);
}

export function parseAddress(address: string): GridPosition {
  if (!isAddress(address)) throw new Error(`"${address}" is not a cell address such as A1 or C12`);
  const letters = /^[A-Z]+/.exec(address)![0];
  let col = 0;
  for (const ch of letters) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col: col - 1, row: Number(address.slice(letters.length)) - 1 };
}

export function formatAddress({ col, row }: GridPosition): string {
  let letters = "";
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

/** Reading order: row by row, then column. */
export function compareAddresses(a: string, b: string): number {
  const pa = parseAddress(a);
  const pb = parseAddress(b);
  return pa.row - pb.row || pa.col - pb.col;
}
