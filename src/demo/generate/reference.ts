// Reference data of the generated bank: names as Chinese people and companies bear them, the
// bank's region (Shandong) with real GB/T 2260 division codes and postal codes, real employers of
// Qingdao and Jinan with their GB/T 4754 industries. Shared by the customer and feed generators.

// The 40 most common surnames, weighted roughly by population share (王 李 张 刘 陈 …).
export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡'.split('');
export const SURNAME_WEIGHTS = [7.1, 7.0, 6.7, 5.4, 4.5, 3.1, 2.2, 2.0, 2.0, 1.9, 1.3, 1.3, 1.2, 1.2, 1.1, 1.1, 1.0, 1.0, 0.9, 0.9, 0.8, 0.8, 0.8, 0.7, 0.7, 0.7, 0.7, 0.6, 0.6, 0.6, 0.6, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
export const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉文辉鹏飞宇浩然欣怡子涵梓萱诺轩思远雨桐佳琪晨阳'];
/**
 * Given-name characters outside the Basic Multilingual Plane, as real registers hold them: 𠮷
 * (U+20BB7, the 吉 with 土), 𡈼 (U+2123C, tǐng), 𫖯 (U+2B5AF, fǔ, as in 赵孟𫖯), 𬀩 (U+2C029,
 * xuǎn, in the 通用规范汉字表 for names). They test every path that counts characters, cuts
 * strings or encodes GB18030 four-byte sequences.
 */
export const RARE_GIVEN = ['𠮷', '𡈼', '𫖯', '𬀩'];
/** Uyghur names in Chinese transcription: given name · father's name (U+00B7 middle dot). */
export const MINORITY_NAMES = ['阿依古丽·买买提', '迪丽热巴·迪力木拉提', '艾力·阿不都热依木', '古丽娜扎·艾买提', '买买提·吐尔逊', '热依汗古丽·艾则孜', '阿不都热合曼·伊明', '帕提古丽·吾斯曼'];

export const BRANDS = [...'华宏盛达鑫源泰丰恒信瑞祥金海天成嘉和中元东方新宇永安博远润德聚福兴隆广汇'];
/** A company's trade word and the GB/T 4754-2017 class (level 4) its business belongs to. */
export const TRADES: [word: string, industry: string][] = [
  ['科技', '6513'], ['贸易', '5181'], ['实业', '3484'], ['建设', '4790'], ['食品', '1351'], ['物流', '5431'], ['机械', '3442'],
  ['电子', '3911'], ['纺织', '1762'], ['医药', '2710'], ['农业', '0141'], ['置业', '7010'], ['化工', '2614'], ['汽车销售', '5261'],
  ['果蔬', '5123'], ['商贸', '5212'], ['服饰', '1830'], ['饮品', '1523'], ['财税咨询', '7241'], ['国际物流', '5810'],
];
export const COMPANY_FORMS = ['有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司'];

/** The bank's region: real districts with their GB/T 2260 codes and postal codes. */
export const DISTRICTS: [city: string, district: string, division: string, postcode: string][] = [
  ['青岛市', '市南区', '370202', '266001'], ['青岛市', '市北区', '370203', '266011'], ['青岛市', '黄岛区', '370211', '266400'],
  ['青岛市', '崂山区', '370212', '266061'], ['青岛市', '李沧区', '370213', '266041'], ['青岛市', '城阳区', '370214', '266100'],
  ['济南市', '历下区', '370102', '250014'], ['济南市', '市中区', '370103', '250001'], ['济南市', '槐荫区', '370104', '250022'],
  ['济南市', '天桥区', '370105', '250031'], ['济南市', '历城区', '370112', '250100'], ['淄博市', '张店区', '370303', '255000'],
  ['烟台市', '芝罘区', '370602', '264001'], ['烟台市', '福山区', '370611', '265500'], ['烟台市', '莱山区', '370613', '264003'],
  ['潍坊市', '潍城区', '370702', '261011'], ['潍坊市', '奎文区', '370705', '261031'], ['济宁市', '任城区', '370811', '272000'],
  ['威海市', '环翠区', '371002', '264200'], ['临沂市', '兰山区', '371302', '276002'], ['临沂市', '罗庄区', '371311', '276017'],
];
export const ROADS = ['香港中路', '延安三路', '人民路', '解放路', '泉城路', '经十路', '胜利街', '和平路', '建设路', '中山路', '新华路', '文化路', '幸福路', '长江路', '黄河路', '海尔路', '辽阳西路'];
export const MOBILE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '177', '180', '181', '186', '187', '188', '189', '199'];

/**
 * Employers of personal customers: name, employer nature (code table employer_nature), GB/T 4754
 * class, GB/T 2260 division, and the occupations (GB/T 6565 major groups) its staff hold.
 */
export const EMPLOYERS: [name: string, nature: string, industry: string, division: string, occupations: string][] = [
  ['海尔集团公司', '01', '3851', '370212', '0146'],
  ['海信集团有限公司', '01', '3951', '370202', '0146'],
  ['青岛啤酒股份有限公司', '01', '1513', '370203', '346'],
  ['中车青岛四方机车车辆股份有限公司', '01', '3711', '370214', '146'],
  ['山东港口青岛港集团有限公司', '01', '5532', '370211', '346'],
  ['浪潮集团有限公司', '01', '3911', '370112', '0136'],
  ['中国重型汽车集团有限公司', '01', '3611', '370104', '136'],
  ['山东高速集团有限公司', '01', '4812', '370102', '0136'],
  ['青岛大学附属医院', '04', '8411', '370202', '13'],
  ['山东大学', '04', '8341', '370102', '13'],
  ['青岛市市南区人民政府', '05', '9221', '370202', '03'],
  ['济南市历下区人民政府', '05', '9221', '370102', '03'],
  ['中国石化青岛炼油化工有限责任公司', '01', '2511', '370211', '16'],
  ['利群集团股份有限公司', '01', '5212', '370203', '34'],
];
export const MERCHANTS = ['永辉超市', '利群商厦', '家乐福', '国美电器', '苏宁易购', '中国石化加油站', '海底捞火锅', '瑞幸咖啡', '肯德基', '万达影城', '大润发', '华润万家'];
export const UTILITIES = ['国网山东省电力公司', '青岛海润自来水集团有限公司', '中国移动通信集团山东有限公司', '新奥燃气有限公司', '中国联通山东省分公司'];
export const PAYMENT_FIRMS = ['财付通支付科技有限公司', '支付宝（中国）网络技术有限公司', '网银在线（北京）科技有限公司'];
