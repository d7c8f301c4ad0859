// A coded value shown by name (with its code); divisions and industries with their upper levels
// ("山东省 / 青岛市 / 市南区"), each level looked up once and cached.
import { Tooltip } from 'antd';
import { codeName, isLargeTable, useCodeItem } from '../../../components/codes';
import { useLang } from '../../../i18n';

function Path({ table, code, depth }: { table: string; code: string; depth: number }) {
  const lang = useLang();
  const item = useCodeItem(table, code);
  if (!item) return <>{code}</>;
  const name = codeName(lang, item);
  if (!item.parentCode || depth > 4) return <>{name}</>;
  return <><Path table={table} code={item.parentCode} depth={depth + 1} /> / {name}</>;
}

export function CodeName({ table, code }: { table: string; code: string | null | undefined }) {
  const lang = useLang();
  const item = useCodeItem(table, code);
  if (!code) return <>—</>;
  if (isLargeTable(table)) {
    return <span><Path table={table} code={code} depth={0} /> <span style={{ color: 'rgba(0,0,0,0.45)', fontFamily: 'monospace' }}>{code}</span></span>;
  }
  return <Tooltip title={code}><span>{item ? codeName(lang, item) : code}</span></Tooltip>;
}
