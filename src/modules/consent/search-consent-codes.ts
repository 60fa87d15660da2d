import type { Prisma, PrismaClient } from '../../db/prisma.js';
import { CODE_LISTING_INCLUDE, toCodeListing, type ConsentCodeListing } from './list-consent-codes.js';
import { hashCode, normaliseCode } from './normalise-code.js';

export const CODE_STATUS_FILTERS = ['issued', 'active', 'redeemed', 'revoked', 'expired'] as const;
export type CodeStatusFilter = (typeof CODE_STATUS_FILTERS)[number];

export interface SearchConsentCodesInput {
  schoolId: string;
  /** Only these classes (a teacher's one, or the admin's choice); all of the school when left out. */
  classIds?: string[];
  status?: CodeStatusFilter;
  forStudent?: boolean;
  /** A typed code, or part of a student's or guardian's name. */
  query?: string;
  page?: number;
  pageSize?: number;
  now: Date;
}

function statusWhere(status: CodeStatusFilter, now: Date): Prisma.ConsentCodeWhereInput {
  // "Expired" is not stored: an unused code past its date, as effectiveStatus derives it.
  if (status === 'expired') return { status: { in: ['issued', 'active'] }, expiresAt: { lte: now } };
  if (status === 'issued' || status === 'active') return { status, expiresAt: { gt: now } };
  return { status };
}

function queryWhere(secret: string, query: string): Prisma.ConsentCodeWhereInput {
  const code = normaliseCode(query);
  // A plain code is never stored: a typed one is found by its hash, exactly.
  if (code) return { codeHash: hashCode(secret, code) };
  const contains = { contains: query, mode: 'insensitive' as const };
  return {
    OR: [
      { student: { fullName: contains } },
      { consentRecord: { contactName: contains } },
      { consentRecord: { guardian: { status: 'active', fullName: contains } } },
      { guardian: { status: 'active', fullName: contains } },
    ],
  };
}

/** One page of the school's codes, by class and student, with the total for the pager. */
export async function searchConsentCodes(prisma: PrismaClient, secret: string, input: SearchConsentCodesInput): Promise<{ codes: ConsentCodeListing[]; total: number }> {
  const pageSize = Math.min(Math.max(input.pageSize ?? 50, 1), 500);
  const page = Math.max(input.page ?? 1, 1);
  const and: Prisma.ConsentCodeWhereInput[] = [{ schoolId: input.schoolId }];
  if (input.classIds) and.push({ student: { classId: { in: input.classIds } } });
  if (input.status) and.push(statusWhere(input.status, input.now));
  if (input.forStudent !== undefined) and.push({ forStudent: input.forStudent });
  const query = input.query?.trim();
  if (query) and.push(queryWhere(secret, query));
  const where: Prisma.ConsentCodeWhereInput = { AND: and };
  const [rows, total] = await Promise.all([
    prisma.consentCode.findMany({
      where,
      include: CODE_LISTING_INCLUDE,
      orderBy: [{ student: { class: { grade: 'asc' } } }, { student: { class: { name: 'asc' } } }, { student: { fullName: 'asc' } }, { issuedAt: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    prisma.consentCode.count({ where }),
  ]);
  return { codes: rows.map((row) => toCodeListing(row, input.now)), total };
}
