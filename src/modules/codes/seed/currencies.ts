// Currencies, ISO 4217 (= GB/T 12406) alphabetic codes, for registered capital (CIF-21) and balances.
// Chinese names are the ones Chinese banks display on their rate boards (港币, 韩元 …), not GB/T 12406's formal
// ones (港元, 韩国元 …). CNY, USD, EUR, JPY, HKD, GBP, AUD, CAD, CHF, SGD, MOP, TWD, KRW are required; the rest
// are the other currencies commonly quoted by Chinese banks (RUB matters for border banks such as Heihe).
import type { CodeTableSeed } from './types.ts';
import { flatTable } from './build.ts';

export function currencyTables(): CodeTableSeed[] {
  return [
    flatTable('currency', '币种', 'Currency', 'ISO 4217 / GB/T 12406', [
      ['CNY', '人民币', 'Chinese Yuan Renminbi'],
      ['USD', '美元', 'US Dollar'],
      ['EUR', '欧元', 'Euro'],
      ['JPY', '日元', 'Japanese Yen'],
      ['HKD', '港币', 'Hong Kong Dollar'],
      ['GBP', '英镑', 'Pound Sterling'],
      ['AUD', '澳大利亚元', 'Australian Dollar'],
      ['CAD', '加拿大元', 'Canadian Dollar'],
      ['CHF', '瑞士法郎', 'Swiss Franc'],
      ['SGD', '新加坡元', 'Singapore Dollar'],
      ['MOP', '澳门元', 'Macao Pataca'],
      ['TWD', '新台币', 'New Taiwan Dollar'],
      ['KRW', '韩元', 'South Korean Won'],
      ['NZD', '新西兰元', 'New Zealand Dollar'],
      ['SEK', '瑞典克朗', 'Swedish Krona'],
      ['DKK', '丹麦克朗', 'Danish Krone'],
      ['NOK', '挪威克朗', 'Norwegian Krone'],
      ['RUB', '卢布', 'Russian Ruble'],
      ['THB', '泰铢', 'Thai Baht'],
      ['MYR', '林吉特', 'Malaysian Ringgit'],
      ['PHP', '菲律宾比索', 'Philippine Peso'],
      ['IDR', '印尼卢比', 'Indonesian Rupiah'],
      ['INR', '印度卢比', 'Indian Rupee'],
      ['VND', '越南盾', 'Vietnamese Dong'],
      ['KZT', '哈萨克斯坦坚戈', 'Kazakhstani Tenge'],
      ['MNT', '蒙古图格里克', 'Mongolian Tugrik'],
      ['SAR', '沙特里亚尔', 'Saudi Riyal'],
      ['AED', '阿联酋迪拉姆', 'UAE Dirham'],
      ['ZAR', '南非兰特', 'South African Rand'],
      ['TRY', '土耳其里拉', 'Turkish Lira'],
      ['BRL', '巴西雷亚尔', 'Brazilian Real'],
    ]),
  ];
}
