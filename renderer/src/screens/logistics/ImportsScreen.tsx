/** Imports ("buy global"): the list at #imports, one import at #imports/<id>, a new one at #imports/new. */
import { useDetailKey, useRoute } from './common/route';
import { ImportDetail } from './imports/ImportDetail';
import { ImportList } from './imports/ImportList';
import './logistics.css';

export function ImportsScreen() {
  const [route, go] = useRoute('imports');
  const detail = useDetailKey(route);
  if (route.kind === 'list') {
    return <ImportList onOpen={(id) => go({ kind: 'detail', id })} onNew={() => go({ kind: 'new' })} />;
  }
  return (
    <ImportDetail
      key={detail.key}
      id={detail.id}
      onCreated={(id) => {
        detail.created(id);
        go({ kind: 'detail', id }, true);
      }}
      onBack={() => go({ kind: 'list' })}
    />
  );
}
