import { maskPersonalId } from './registry.models';
import type { MerchantRow, OperatorRow, PurchaserRow } from './registry.repository';
import type { MerchantView, OperatorView, PurchaserView } from './registry.schemas';

/** Rows to API views: dates as ISO strings, personal ID and account numbers masked. */

const base = (row: OperatorRow | MerchantRow | PurchaserRow) => ({
  id: row.id,
  status: row.status,
  statusReason: row.statusReason,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

export const operatorView = (row: OperatorRow): OperatorView => ({
  ...base(row),
  orgId: row.orgId,
  uscc: row.uscc,
  customsCode: row.customsCode,
  nameZh: row.nameZh,
  nameEn: row.nameEn,
  contactName: row.contactName,
  contactPhone: row.contactPhone,
  contactEmail: row.contactEmail,
  address: row.address,
});

export const merchantView = (row: MerchantRow): MerchantView => ({
  ...base(row),
  operatorOrgId: row.operatorOrgId,
  kind: row.kind,
  uscc: row.uscc,
  residentIdMasked: row.residentId ? maskPersonalId(row.residentId) : null,
  nameZh: row.nameZh,
  nameEn: row.nameEn,
  ownerName: row.ownerName,
  contactPhone: row.contactPhone,
  marketName: row.marketName,
  boothNo: row.boothNo,
  goodsCategories: row.goodsCategories,
  fxAccount: {
    bankName: row.fxBankName,
    accountName: row.fxAccountName,
    accountNoMasked: maskPersonalId(row.fxAccountNo),
  },
});

export const purchaserView = (row: PurchaserRow): PurchaserView => ({
  ...base(row),
  operatorOrgId: row.operatorOrgId,
  kind: row.kind,
  name: row.name,
  countryCode: row.countryCode,
  idType: row.idType,
  // A company registration number is public; a person's document number is not.
  idNumberMasked:
    row.idType === 'resident_id' || row.idType === 'passport' ? maskPersonalId(row.idNumber) : row.idNumber,
  contactPhone: row.contactPhone,
  contactEmail: row.contactEmail,
  address: row.address,
});
