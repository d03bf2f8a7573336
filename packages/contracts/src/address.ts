import { z } from "zod";

// ISO 3166-1 alpha-2 codes of countries and territories.
const countryCodes = new Set(
  ("AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
    "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
    "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
    "UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW").split(" "),
);

// Postal code formats of the markets we ship to most; elsewhere a plausible generic form.
const postalFormats: Record<string, RegExp> = {
  US: /^\d{5}(-\d{4})?$/,
  CA: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i,
  GB: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i,
  DE: /^\d{5}$/,
  FR: /^\d{5}$/,
  ES: /^\d{5}$/,
  IT: /^\d{5}$/,
  NL: /^\d{4} ?[A-Z]{2}$/i,
  BE: /^\d{4}$/,
  AT: /^\d{4}$/,
  CH: /^\d{4}$/,
  PL: /^\d{2}-\d{3}$/,
  SE: /^\d{3} ?\d{2}$/,
  PT: /^\d{4}-\d{3}$/,
  IE: /^[A-Z\d]{3} ?[A-Z\d]{4}$/i,
  JP: /^\d{3}-?\d{4}$/,
  AU: /^\d{4}$/,
  IN: /^\d{6}$/,
  BR: /^\d{5}-?\d{3}$/,
};
const genericPostal = /^[A-Z\d][A-Z\d \-]{1,9}$/i;

export const countryCode = z
  .string()
  .length(2)
  .transform((c) => c.toUpperCase())
  .refine((c) => countryCodes.has(c), "must be an ISO 3166-1 alpha-2 country code such as DE");

export const isValidPostalCode = (country: string, postalCode: string): boolean =>
  (postalFormats[country.toUpperCase()] ?? genericPostal).test(postalCode.trim());

/** The fields of a postal address, for schemas that add their own (a label, a default flag). */
export const postalAddressFields = {
  recipient: z.string().trim().min(1).max(120),
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().max(200).optional(),
  city: z.string().trim().min(1).max(100),
  region: z.string().trim().max(100).optional(),
  postalCode: z.string().trim().min(1).max(16),
  country: countryCode,
  phone: z.string().regex(/^\+?[\d ()-]{5,20}$/, "must be a phone number").optional(),
};

/** The postal code must fit the country; reported on `postalCode`. */
export function checkPostalCode(a: { country: string; postalCode: string }, ctx: z.RefinementCtx): void {
  if (!isValidPostalCode(a.country, a.postalCode)) {
    ctx.addIssue({ code: "custom", path: ["postalCode"], message: `is not a valid postal code for ${a.country}` });
  }
}

/** A postal address; the postal code is checked against the country's format. */
export const postalAddress = z.strictObject(postalAddressFields).superRefine(checkPostalCode);
export type PostalAddress = z.infer<typeof postalAddress>;
