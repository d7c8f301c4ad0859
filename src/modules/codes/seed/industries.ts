// GB/T 4754-2017 national economic industry classification (国民经济行业分类), all four levels:
// 20 sections (门类, A–T), 97 divisions (大类, 2 digits), 473 groups (中类, 3 digits), 1,380 classes (小类, 4 digits).
// Read at call time from ./standards/gbt-4754-2017-industries.csv, a copy of /work/shared/data's file
// (columns code, name, level, parent, section, note). The copy sits in standards/ rather than data/ because the
// project's .gitignore ignores every directory named data/.
//
// Item codes are the standard's own (J, 66, 662, 6621); a class shown the bank way is section + code (J6621).
// nameEn: the CSV has no English. The 20 sections and 97 divisions get English names below; groups and classes
// repeat nameZh as nameEn until an English edition of the standard is sourced.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { CodeItemSeed, CodeTableSeed } from './types.ts';

interface IndustryRow { code: string; name: string; level: string; parent: string; section: string; note: string }

const CSV_URL = new URL('./standards/gbt-4754-2017-industries.csv', import.meta.url);

const LEVELS: Readonly<Record<string, number>> = { section: 1, division: 2, group: 3, class: 4 };

const SECTION_EN: Readonly<Record<string, string>> = {
  A: 'Agriculture, Forestry, Animal Husbandry and Fishery',
  B: 'Mining',
  C: 'Manufacturing',
  D: 'Production and Supply of Electricity, Heat, Gas and Water',
  E: 'Construction',
  F: 'Wholesale and Retail Trade',
  G: 'Transport, Storage and Postal Services',
  H: 'Accommodation and Catering',
  I: 'Information Transmission, Software and Information Technology Services',
  J: 'Finance',
  K: 'Real Estate',
  L: 'Leasing and Business Services',
  M: 'Scientific Research and Technical Services',
  N: 'Water Conservancy, Environment and Public Facilities Management',
  O: 'Resident Services, Repair and Other Services',
  P: 'Education',
  Q: 'Health and Social Work',
  R: 'Culture, Sports and Entertainment',
  S: 'Public Administration, Social Security and Social Organisations',
  T: 'International Organisations',
};

/** The 97 divisions (大类) in English, after the standard's English rendering; groups and classes stay Chinese. */
export const DIVISION_EN: Readonly<Record<string, string>> = {
  '01': 'Agriculture',
  '02': 'Forestry',
  '03': 'Animal husbandry',
  '04': 'Fishery',
  '05': 'Support activities for agriculture, forestry, animal husbandry and fishery',
  '06': 'Mining and washing of coal',
  '07': 'Extraction of petroleum and natural gas',
  '08': 'Mining and processing of ferrous metal ores',
  '09': 'Mining and processing of non-ferrous metal ores',
  '10': 'Mining and processing of non-metal ores',
  '11': 'Support activities for mining',
  '12': 'Other mining',
  '13': 'Processing of food from agricultural products',
  '14': 'Manufacture of foods',
  '15': 'Manufacture of liquor, beverages and refined tea',
  '16': 'Manufacture of tobacco',
  '17': 'Manufacture of textiles',
  '18': 'Manufacture of textile wearing apparel and clothing',
  '19': 'Manufacture of leather, fur, feather and related products and footwear',
  '20': 'Processing of timber and manufacture of wood, bamboo, rattan, palm and straw products',
  '21': 'Manufacture of furniture',
  '22': 'Manufacture of paper and paper products',
  '23': 'Printing and reproduction of recording media',
  '24': 'Manufacture of articles for culture, education, arts and crafts, sport and entertainment',
  '25': 'Processing of petroleum, coal and other fuels',
  '26': 'Manufacture of raw chemical materials and chemical products',
  '27': 'Manufacture of medicines',
  '28': 'Manufacture of chemical fibres',
  '29': 'Manufacture of rubber and plastics products',
  '30': 'Manufacture of non-metallic mineral products',
  '31': 'Smelting and pressing of ferrous metals',
  '32': 'Smelting and pressing of non-ferrous metals',
  '33': 'Manufacture of metal products',
  '34': 'Manufacture of general-purpose machinery',
  '35': 'Manufacture of special-purpose machinery',
  '36': 'Manufacture of motor vehicles',
  '37': 'Manufacture of railway, ship, aerospace and other transport equipment',
  '38': 'Manufacture of electrical machinery and equipment',
  '39': 'Manufacture of computers, communication and other electronic equipment',
  '40': 'Manufacture of measuring instruments and meters',
  '41': 'Other manufacturing',
  '42': 'Utilisation of waste resources',
  '43': 'Repair of metal products, machinery and equipment',
  '44': 'Production and supply of electricity and heat',
  '45': 'Production and supply of gas',
  '46': 'Production and supply of water',
  '47': 'Construction of buildings',
  '48': 'Civil engineering',
  '49': 'Construction installation',
  '50': 'Building decoration, renovation and other construction',
  '51': 'Wholesale trade',
  '52': 'Retail trade',
  '53': 'Railway transport',
  '54': 'Road transport',
  '55': 'Water transport',
  '56': 'Air transport',
  '57': 'Pipeline transport',
  '58': 'Multimodal transport and transport agencies',
  '59': 'Loading, unloading, handling and warehousing',
  '60': 'Postal services',
  '61': 'Accommodation',
  '62': 'Catering',
  '63': 'Telecommunications, radio and television and satellite transmission services',
  '64': 'Internet and related services',
  '65': 'Software and information technology services',
  '66': 'Monetary and financial services',
  '67': 'Capital market services',
  '68': 'Insurance',
  '69': 'Other financial services',
  '70': 'Real estate',
  '71': 'Leasing',
  '72': 'Business services',
  '73': 'Research and experimental development',
  '74': 'Professional technical services',
  '75': 'Technology promotion and application services',
  '76': 'Water conservancy management',
  '77': 'Ecological protection and environmental management',
  '78': 'Public facilities management',
  '79': 'Land management',
  '80': 'Resident services',
  '81': 'Repair of motor vehicles, electronic products and household goods',
  '82': 'Other services',
  '83': 'Education',
  '84': 'Health',
  '85': 'Social work',
  '86': 'News and publishing',
  '87': 'Radio, television, film and sound recording production',
  '88': 'Culture and arts',
  '89': 'Sports',
  '90': 'Entertainment',
  '91': 'Organs of the Communist Party of China',
  '92': 'State organs',
  '93': 'CPPCC and democratic parties',
  '94': 'Social security',
  '95': 'Mass organisations, social organisations and other membership organisations',
  '96': 'Grassroots self-governing organisations and other organisations',
  '97': 'International organisations',
};

export function industryTables(): CodeTableSeed[] {
  const rows = parse(readFileSync(CSV_URL, 'utf8'), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    trim: true,
  }) as IndustryRow[];

  const items = rows.map((row): CodeItemSeed => {
    const level = LEVELS[row.level];
    if (level === undefined) throw new Error(`GB/T 4754 row ${row.code}: unknown level "${row.level}"`);
    const item: CodeItemSeed = {
      code: row.code,
      nameZh: row.name,
      nameEn: (level === 1 ? SECTION_EN[row.code] : level === 2 ? DIVISION_EN[row.code] : undefined) ?? row.name,
      level,
    };
    if (row.parent) item.parentCode = row.parent;
    return item;
  });
  return [
    {
      code: 'industry',
      nameZh: '国民经济行业分类',
      nameEn: 'Industry classification',
      source: 'GB/T 4754-2017',
      hierarchical: true,
      items,
    },
  ];
}
