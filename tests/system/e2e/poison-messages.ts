/** Messages that are not valid `user_register` events; profile-service must dead-letter each and carry on. */
export function poisonMessages(count: number): { kind: string; value: Buffer }[] {
  const kinds = [
    { kind: 'not-wire-format', value: Buffer.from('{"userId":"not avro"}') },
    { kind: 'unknown-schema-id', value: Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 2, 4, 6]) },
    { kind: 'too-short', value: Buffer.from([0, 0, 1]) },
  ];
  return Array.from({ length: count }, (_, i) => kinds[i % kinds.length]!);
}

/** A known schema id with a body that cannot be decoded with it. */
export function garbageBody(schemaId: number): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt8(0, 0);
  header.writeInt32BE(schemaId, 1);
  return Buffer.concat([header, Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01])]);
}
