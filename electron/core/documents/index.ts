/** Documents for foreign buyers: sales contract and statement of account (invoice and packing list: filing/). */
import type { Handlers } from '../context';
import { buildSalesContract } from './contract';
import { buildStatement } from './statement';

export { buildSalesContract } from './contract';
export { buildStatement, statementData } from './statement';
export { docTexts } from './texts';

export const documentHandlers: Pick<Handlers, 'documents.contract' | 'documents.statement'> = {
  'documents.contract': async ({ orderId, language }, { db, dataDir }) => {
    const { file: _file, ...r } = await buildSalesContract(db, dataDir, orderId, language);
    return r;
  },
  'documents.statement': async (arg, { db, dataDir }) => {
    const { file: _file, ...r } = await buildStatement(db, dataDir, arg);
    return r;
  },
};
