// Realistic generated customers, for the demo book and the benchmarks: Chinese names with real
// surname frequencies (a few with characters outside the BMP, Uyghur names with the middle dot),
// resident ID numbers valid under GB 11643 for real county codes (mostly Shandong's), Shandong
// home addresses, employers and occupations; companies with GB 32100 credit codes, GB 11714
// organisation codes and real GB/T 4754 industry classes. Deterministic for a seed.
import { residentIdCheckDigit } from '../../common/validators/resident-id.ts';
import { creditCodeCheckCharacter } from '../../common/validators/credit-code.ts';
import { organizationCodeCheckCharacter } from '../../common/validators/organization-code.ts';
import { codeTableSeeds } from '../../modules/codes/seed/index.ts';
import { rng, pad } from './random.ts';
import { BRANDS, COMPANY_FORMS, DISTRICTS, EMPLOYERS, GIVEN, MINORITY_NAMES, MOBILE_PREFIXES, RARE_GIVEN, ROADS, SURNAMES, SURNAME_WEIGHTS, TRADES } from './reference.ts';

export { rng } from './random.ts';

/** Field keys are the customer API's (fields.ts), so a generated row is also a valid create body. */
export interface GeneratedPersonal {
  kind: 'personal'; name: string; idNumber: string; birthDate: string; gender: '1' | '2'; mobile: string; householdDivision: string;
  education: string; occupation: string; maritalStatus: string; homeAddress: string; homePostcode: string;
  employer?: string; employerNature?: string; employerIndustry?: string; employerDivision?: string; monthlyIncome?: string;
}
export interface GeneratedCorporate {
  kind: 'corporate'; name: string; creditCode: string; organizationCode: string; registrationType: string; enterpriseNature: string;
  industryCode: string; registeredCapital: string; establishedOn: string; registeredAddress: string; officeAddress: string; officePostcode: string;
}
export type GeneratedCustomer = GeneratedPersonal | GeneratedCorporate;

/** A city commercial bank's customer base: about 93 % personal, 7 % corporate by count. */
export const PERSONAL_SHARE = 0.93;
/** Shandong residents among personal customers; the rest were born elsewhere in China. */
const HOME_PROVINCE_SHARE = 0.85;

export function makeGenerator(seed = 20261125) {
  const r = rng(seed);
  const seeds = codeTableSeeds();
  const counties = seeds.find((t) => t.code === 'division')!.items.filter((i) => i.level === 3).map((i) => i.code);
  const shandong = counties.filter((c) => c.startsWith('37'));
  const total = SURNAME_WEIGHTS.reduce((a, b) => a + b, 0);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const surname = () => {
    let x = r() * total;
    for (let i = 0; i < SURNAMES.length; i++) { x -= SURNAME_WEIGHTS[i]!; if (x <= 0) return SURNAMES[i]!; }
    return SURNAMES[0]!;
  };
  const usedIds = new Set<string>();
  const usedMobiles = new Set<string>();
  let companySeq = 0;

  function personName(): string {
    const u = r();
    if (u < 0.01) return pick(MINORITY_NAMES);
    const given = pick(GIVEN) + (r() < 0.7 ? pick(GIVEN) : '');
    // A rare character replaces the last given-name character: 张𠮷, 李文𡈼.
    return surname() + (u < 0.016 ? given.slice(0, -1) + pick(RARE_GIVEN) : given);
  }

  function street() {
    const [city, district, division, postcode] = pick(DISTRICTS);
    return { division, postcode, text: `山东省${city}${district}${pick(ROADS)}${1 + Math.floor(r() * 300)}号` };
  }

  function personal(): GeneratedPersonal {
    const name = personName();
    let idNumber: string; let birthDate: string; let gender: '1' | '2';
    do {
      const y = 1945 + Math.floor(r() * 60);
      const m = 1 + Math.floor(r() * 12);
      const d = 1 + Math.floor(r() * 28);
      birthDate = `${y}-${pad(m, 2)}-${pad(d, 2)}`;
      const seq = Math.floor(r() * 1000);
      gender = seq % 2 === 1 ? '1' : '2';
      const body = `${pick(r() < HOME_PROVINCE_SHARE ? shandong : counties)}${y}${pad(m, 2)}${pad(d, 2)}${pad(seq, 3)}`;
      idNumber = body + residentIdCheckDigit(body);
    } while (usedIds.has(idNumber));
    usedIds.add(idNumber);
    let mobile: string;
    do { mobile = pick(MOBILE_PREFIXES) + pad(Math.floor(r() * 1e8), 8); } while (usedMobiles.has(mobile));
    usedMobiles.add(mobile);
    const home = street();
    // Ages as of the generator's reference year, not today: the same seed gives the same people whenever it runs.
    const age = 2026 - Number(birthDate.slice(0, 4));
    const base: GeneratedPersonal = {
      kind: 'personal', name, idNumber, birthDate, gender, mobile, householdDivision: idNumber.slice(0, 6),
      education: pick(['10', '20', '20', '30', '30', '40', '60', '70']), occupation: 'Y', maritalStatus: age < 28 ? pick(['10', '20']) : pick(['20', '20', '20', '40', '30']),
      homeAddress: `${home.text}${1 + Math.floor(r() * 20)}号楼${1 + Math.floor(r() * 4)}单元${1 + Math.floor(r() * 30)}0${1 + Math.floor(r() * 4)}室`, homePostcode: home.postcode,
    };
    // Most working-age customers give an employer; retirees and the self-employed do not.
    if (age >= 65 || r() < 0.3) return { ...base, occupation: age >= 65 ? 'Y' : pick(['4', '5', 'Y']) };
    const [employer, nature, industry, division, occupations] = pick(EMPLOYERS);
    return { ...base, occupation: pick([...occupations]), employer, employerNature: nature, employerIndustry: industry, employerDivision: division,
      monthlyIncome: `${(40 + Math.floor(r() * 260)) * 100}.00` };
  }

  function corporate(): GeneratedCorporate {
    companySeq++;
    const body8 = ('MA' + pad(companySeq, 6)).slice(-8).replace(/[IOSVZ]/g, 'A');
    const orgCheck = organizationCodeCheckCharacter(body8)!;
    const registered = street();
    const first17 = `91${registered.division}${body8}${orgCheck}`;
    const creditCode = first17 + creditCodeCheckCharacter(first17)!;
    const [trade, industryCode] = pick(TRADES);
    const city = DISTRICTS.find((d) => d[2] === registered.division)![0].slice(0, 2);
    const name = `${city}${pick(BRANDS)}${pick(BRANDS)}${trade}${pick(COMPANY_FORMS)}`;
    const y = 1995 + Math.floor(r() * 30);
    const office = r() < 0.8 ? registered : street();
    return { kind: 'corporate', name, creditCode, organizationCode: `${body8}-${orgCheck}`, registrationType: pick(['01', '03', '05', '11']),
      enterpriseNature: '01', industryCode, registeredCapital: `${(1 + Math.floor(r() * 5000)) * 10000}.00`,
      establishedOn: `${y}-${pad(1 + Math.floor(r() * 12), 2)}-${pad(1 + Math.floor(r() * 28), 2)}`,
      registeredAddress: registered.text, officeAddress: `${office.text}${pick(['', '写字楼', '大厦'])}${1 + Math.floor(r() * 30)}层`, officePostcode: office.postcode };
  }

  return { next: (): GeneratedCustomer => (r() < PERSONAL_SHARE ? personal() : corporate()), personal, corporate, random: r };
}
