// Realistic generated customers for benchmarks: Chinese names with real surname frequencies,
// resident ID numbers valid under GB 11643 for real county codes, mobiles, and companies with
// GB 32100 credit codes and real GB/T 4754 industry classes. Deterministic for a seed.
import { residentIdCheckDigit } from '../src/common/validators/resident-id.ts';
import { creditCodeCheckCharacter } from '../src/common/validators/credit-code.ts';
import { organizationCodeCheckCharacter } from '../src/common/validators/organization-code.ts';
import { codeTableSeeds } from '../src/modules/codes/seed/index.ts';

// The 40 most common surnames, weighted roughly by population share (王 李 张 刘 陈 …).
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡'.split('');
const WEIGHTS = [7.1, 7.0, 6.7, 5.4, 4.5, 3.1, 2.2, 2.0, 2.0, 1.9, 1.3, 1.3, 1.2, 1.2, 1.1, 1.1, 1.0, 1.0, 0.9, 0.9, 0.8, 0.8, 0.8, 0.7, 0.7, 0.7, 0.7, 0.6, 0.6, 0.6, 0.6, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰文辉鹏飞宇浩然欣怡子涵梓萱一诺宇轩浩宇思远雨桐佳琪晨阳';
const BRANDS = '华宏盛达鑫源泰丰恒信瑞祥金海天成嘉和中元东方新宇永安博远润德聚福兴隆广汇'.split('');
const TRADES = ['科技', '贸易', '实业', '建设', '食品', '物流', '机械', '电子', '纺织', '医药', '农业', '置业', '化工', '能源', '文化'];
const CITIES = ['青岛', '济南', '烟台', '潍坊', '临沂', '淄博', '济宁', '威海'];
const MOBILE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '177', '180', '181', '186', '187', '188', '189', '199'];

/** Small, fast, seedable PRNG (mulberry32): the same seed gives the same bank. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedPersonal { kind: 'personal'; name: string; idNumber: string; birthDate: string; gender: '1' | '2'; mobile: string; householdDivision: string; education: string; occupation: string }
export interface GeneratedCorporate { kind: 'corporate'; name: string; creditCode: string; organizationCode: string; registrationType: string; enterpriseNature: string; industryCode: string; registeredCapital: string; establishedOn: string }
export type GeneratedCustomer = GeneratedPersonal | GeneratedCorporate;

export function makeGenerator(seed = 20261125) {
  const r = rng(seed);
  const seeds = codeTableSeeds();
  const counties = seeds.find((t) => t.code === 'division')!.items.filter((i) => i.level === 3).map((i) => i.code);
  const industries = seeds.find((t) => t.code === 'industry')!.items.filter((i) => i.level === 4).map((i) => i.code);
  const total = WEIGHTS.reduce((a, b) => a + b, 0);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const surname = () => {
    let x = r() * total;
    for (let i = 0; i < SURNAMES.length; i++) { x -= WEIGHTS[i]!; if (x <= 0) return SURNAMES[i]!; }
    return SURNAMES[0]!;
  };
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const usedIds = new Set<string>();
  const usedMobiles = new Set<string>();
  let companySeq = 0;

  function personal(): GeneratedPersonal {
    const name = surname() + pick([...GIVEN]) + (r() < 0.7 ? pick([...GIVEN]) : '');
    let idNumber: string; let birthDate: string; let gender: '1' | '2';
    do {
      const y = 1940 + Math.floor(r() * 66);
      const m = 1 + Math.floor(r() * 12);
      const d = 1 + Math.floor(r() * 28);
      birthDate = `${y}-${pad(m, 2)}-${pad(d, 2)}`;
      const seq = Math.floor(r() * 1000);
      gender = seq % 2 === 1 ? '1' : '2';
      const body = `${pick(counties)}${y}${pad(m, 2)}${pad(d, 2)}${pad(seq, 3)}`;
      idNumber = body + residentIdCheckDigit(body);
    } while (usedIds.has(idNumber));
    usedIds.add(idNumber);
    let mobile: string;
    do { mobile = pick(MOBILE_PREFIXES) + pad(Math.floor(r() * 1e8), 8); } while (usedMobiles.has(mobile));
    usedMobiles.add(mobile);
    return { kind: 'personal', name, idNumber, birthDate, gender, mobile, householdDivision: idNumber.slice(0, 6),
      education: pick(['10', '20', '30', '40', '60', '70', '99']), occupation: pick(['0', '1', '3', '4', '5', '6', 'Y', 'Z']) };
  }

  function corporate(): GeneratedCorporate {
    companySeq++;
    const body8 = ('MA' + pad(companySeq, 6)).slice(-8).replace(/[IOSVZ]/g, 'A');
    const orgCheck = organizationCodeCheckCharacter(body8)!;
    const region = pick(counties);
    const first17 = `91${region}${body8}${orgCheck}`;
    const creditCode = first17 + creditCodeCheckCharacter(first17)!;
    const city = pick(CITIES);
    const name = `${city}${pick(BRANDS)}${pick(BRANDS)}${pick(TRADES)}有限公司`;
    const y = 1995 + Math.floor(r() * 30);
    return { kind: 'corporate', name, creditCode, organizationCode: `${body8}-${orgCheck}`, registrationType: pick(['01', '03', '05', '11']),
      enterpriseNature: '01', industryCode: pick(industries), registeredCapital: `${(1 + Math.floor(r() * 5000)) * 10000}.00`,
      establishedOn: `${y}-${pad(1 + Math.floor(r() * 12), 2)}-${pad(1 + Math.floor(r() * 28), 2)}` };
  }

  /** 90 % personal, 10 % corporate, as in a county bank's customer base. */
  return { next: (): GeneratedCustomer => (r() < 0.9 ? personal() : corporate()), personal, corporate, random: r };
}
