import { KeyObject, sign } from 'node:crypto';

/**
 * A minimal DER writer, just enough to issue a self-signed RSA X.509 v3 certificate with
 * node:crypto (which can read certificates but not create them). Used by the WeChat Pay simulator
 * for its platform certificate.
 */

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(content.length), content]);
}

const sequence = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const explicit = (tagNumber: number, content: Buffer) => tlv(0xa0 | tagNumber, content);
const nullValue = () => Buffer.from([0x05, 0x00]);
const octetString = (content: Buffer) => tlv(0x04, content);
const bitString = (content: Buffer, unusedBits = 0) => tlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));
const boolean = (value: boolean) => tlv(0x01, Buffer.from([value ? 0xff : 0x00]));

function integer(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const trimmed = bytes.subarray(start);
  return tlv(0x02, trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [arcs[0] * 40 + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

function time(date: Date): Buffer {
  const iso = date.toISOString();
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? tlv(0x17, Buffer.from(`${digits.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${digits}Z`));
}

export interface CertificateName {
  commonName: string;
  organization?: string;
  country?: string;
}

function name(n: CertificateName): Buffer {
  const rdns: Buffer[] = [];
  if (n.country) rdns.push(set(sequence(oid('2.5.4.6'), tlv(0x13, Buffer.from(n.country)))));
  if (n.organization) rdns.push(set(sequence(oid('2.5.4.10'), tlv(0x0c, Buffer.from(n.organization, 'utf8')))));
  rdns.push(set(sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(n.commonName, 'utf8')))));
  return sequence(...rdns);
}

const SHA256_WITH_RSA = () => sequence(oid('1.2.840.113549.1.1.11'), nullValue());

export interface SelfSignedCertificateOptions {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Hex serial; WeChat Pay's are 40 hex digits. */
  serialHex: string;
  subject: CertificateName;
  notBefore: Date;
  notAfter: Date;
}

/** A self-signed sha256WithRSAEncryption X.509 v3 certificate, as PEM. */
export function createSelfSignedCertificate(options: SelfSignedCertificateOptions): string {
  const subject = name(options.subject);
  const extensions = explicit(
    3,
    sequence(
      // basicConstraints: not a CA
      sequence(oid('2.5.29.19'), octetString(sequence())),
      // keyUsage (critical): digitalSignature
      sequence(oid('2.5.29.15'), boolean(true), octetString(bitString(Buffer.from([0x80]), 7))),
    ),
  );
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(Buffer.from(options.serialHex, 'hex')),
    SHA256_WITH_RSA(),
    subject,
    sequence(time(options.notBefore), time(options.notAfter)),
    subject,
    options.publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = sign('sha256', tbs, options.privateKey);
  const der = sequence(tbs, SHA256_WITH_RSA(), bitString(signature));
  const body = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}
