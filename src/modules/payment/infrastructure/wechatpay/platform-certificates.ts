import { KeyObject, X509Certificate } from 'node:crypto';
import { decryptResource, EncryptedResource } from './wechatpay-cipher';

/** A WeChat Pay platform certificate, decrypted and checked. */
export interface PlatformCertificate {
  serialNo: string;
  publicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
}

export class PlatformCertificateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlatformCertificateError';
  }
}

/**
 * The form serials are compared in: certificate serials are hex (upper case in real headers, lower
 * case in some docs; leading zeros are not significant); public-key ids (`PUB_KEY_ID_…`) are exact.
 */
export function normalizeSerial(serial: string): string {
  return /^[0-9a-fA-F]+$/.test(serial) ? serial.toUpperCase().replace(/^0+(?=.)/, '') : serial;
}

export function isCertificateSerial(serial: string): boolean {
  return /^[0-9a-fA-F]{1,64}$/.test(serial);
}

/**
 * Reads a `GET /v3/certificates` answer: decrypts every certificate with the APIv3 key, parses it as
 * X.509, checks that its serial is the one announced and that it is valid now. Entries that are
 * not yet or no longer valid are left out; a list with no usable certificate is an error.
 */
export function readCertificateList(body: unknown, apiV3Key: string, now: Date = new Date()): PlatformCertificate[] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new PlatformCertificateError('the certificate list has no data array');
  const certificates: PlatformCertificate[] = [];
  for (const entry of data as Array<{ serial_no?: unknown; encrypt_certificate?: unknown }>) {
    if (typeof entry?.serial_no !== 'string' || typeof entry.encrypt_certificate !== 'object' || !entry.encrypt_certificate) {
      throw new PlatformCertificateError('a certificate entry lacks serial_no or encrypt_certificate');
    }
    const pem = decryptResource(entry.encrypt_certificate as EncryptedResource, apiV3Key);
    let x509: X509Certificate;
    try {
      x509 = new X509Certificate(pem);
    } catch {
      throw new PlatformCertificateError(`certificate ${entry.serial_no} is not a valid X.509 certificate`);
    }
    if (normalizeSerial(x509.serialNumber) !== normalizeSerial(entry.serial_no)) {
      throw new PlatformCertificateError(`certificate serial ${x509.serialNumber} differs from the announced ${entry.serial_no}`);
    }
    if (x509.publicKey.asymmetricKeyType !== 'rsa') {
      throw new PlatformCertificateError(`certificate ${entry.serial_no} does not hold an RSA key`);
    }
    const notBefore = new Date(x509.validFrom);
    const notAfter = new Date(x509.validTo);
    if (now < notBefore || now > notAfter) continue;
    certificates.push({ serialNo: entry.serial_no.toUpperCase(), publicKey: x509.publicKey, notBefore, notAfter });
  }
  if (certificates.length === 0) throw new PlatformCertificateError('no currently valid platform certificate in the list');
  return certificates;
}
