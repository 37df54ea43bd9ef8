/**
 * Ordered schema migrations. Each is applied in its own transaction and recorded in schema_migrations;
 * PRAGMA user_version holds the version the file is at. Never edit a migration that has shipped: add a new one.
 */
import type Database from 'better-sqlite3';
import { backfillAuditChain } from '../audit';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Work SQL can't do (e.g. hashing), run after `sql` in the same transaction. */
  run?(db: Database.Database): void;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'company, parties, products',
    sql: `
      CREATE TABLE schema_migrations (
        version     INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        applied_at  TEXT NOT NULL,
        app_version TEXT NOT NULL
      );

      CREATE TABLE company (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        name_zh       TEXT NOT NULL DEFAULT '',
        name_en       TEXT NOT NULL DEFAULT '',
        address       TEXT NOT NULL DEFAULT '',
        base_currency TEXT NOT NULL,
        language      TEXT NOT NULL,
        mp_reg_no     TEXT NOT NULL DEFAULT '',
        customs_code  TEXT NOT NULL DEFAULT '',
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        CHECK (name_zh <> '' OR name_en <> '')
      );

      -- roles is a delimited set: ',customer,supplier,' so that a role filter is LIKE '%,customer,%'
      CREATE TABLE party (
        id           INTEGER PRIMARY KEY,
        roles        TEXT NOT NULL CHECK (roles LIKE ',%,'),
        name_zh      TEXT NOT NULL DEFAULT '',
        name_en      TEXT NOT NULL DEFAULT '',
        country      TEXT NOT NULL DEFAULT '',
        phone        TEXT NOT NULL DEFAULT '',
        wechat       TEXT NOT NULL DEFAULT '',
        whatsapp     TEXT NOT NULL DEFAULT '',
        email        TEXT NOT NULL DEFAULT '',
        address      TEXT NOT NULL DEFAULT '',
        booth        TEXT NOT NULL DEFAULT '',
        stall_reg_no TEXT NOT NULL DEFAULT '',
        id_doc_no    TEXT NOT NULL DEFAULT '',
        nationality  TEXT NOT NULL DEFAULT '',
        notes        TEXT NOT NULL DEFAULT '',
        archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        CHECK (name_zh <> '' OR name_en <> '')
      );

      -- sizes in mm (cm with 1 decimal), weights in grams (kg with 3 decimals), price in 1/10000
      CREATE TABLE product (
        id               INTEGER PRIMARY KEY,
        item_no          TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (item_no <> ''),
        name_zh          TEXT NOT NULL DEFAULT '',
        name_en          TEXT NOT NULL DEFAULT '',
        spec             TEXT NOT NULL DEFAULT '',
        hs_code          TEXT NOT NULL DEFAULT '' CHECK (hs_code = '' OR (length(hs_code) = 10 AND hs_code NOT GLOB '*[^0-9]*')),
        decl_elements    TEXT NOT NULL DEFAULT '',
        brand            TEXT NOT NULL DEFAULT '',
        brand_type       TEXT NOT NULL DEFAULT '',
        customs_unit     TEXT NOT NULL DEFAULT '',
        pcs_per_carton   INTEGER CHECK (pcs_per_carton IS NULL OR pcs_per_carton > 0),
        carton_l_mm      INTEGER CHECK (carton_l_mm IS NULL OR carton_l_mm >= 0),
        carton_w_mm      INTEGER CHECK (carton_w_mm IS NULL OR carton_w_mm >= 0),
        carton_h_mm      INTEGER CHECK (carton_h_mm IS NULL OR carton_h_mm >= 0),
        gross_g          INTEGER CHECK (gross_g IS NULL OR gross_g >= 0),
        net_g            INTEGER CHECK (net_g IS NULL OR net_g >= 0),
        default_price_e4 INTEGER CHECK (default_price_e4 IS NULL OR default_price_e4 >= 0),
        currency         TEXT NOT NULL DEFAULT '',
        supplier_id      INTEGER REFERENCES party(id) ON DELETE RESTRICT,
        inspection       INTEGER NOT NULL DEFAULT 0 CHECK (inspection IN (0, 1)),
        taxable          INTEGER NOT NULL DEFAULT 0 CHECK (taxable IN (0, 1)),
        notes            TEXT NOT NULL DEFAULT '',
        archived         INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        CHECK (name_zh <> '' OR name_en <> ''),
        CHECK (net_g IS NULL OR gross_g IS NULL OR net_g <= gross_g)
      );
      CREATE INDEX product_supplier ON product(supplier_id);
    `,
  },
  {
    version: 2,
    name: 'per-user UI state (grid layouts, language)',
    sql: `
      CREATE TABLE ui_state (
        user_name  TEXT NOT NULL DEFAULT 'owner',
        key        TEXT NOT NULL,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (user_name, key)
      );
      CREATE INDEX party_archived_name ON party(archived, name_zh, name_en);
    `,
  },
  {
    version: 3,
    name: 'trade records: orders, payments, shipments, imports, stock, claims, attachments, audit',
    sql: `
      CREATE TABLE setting (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      -- SO-2026-0001: the last number used per series and year
      CREATE TABLE number_series (
        series TEXT NOT NULL,
        year   INTEGER NOT NULL,
        last   INTEGER NOT NULL,
        PRIMARY KEY (series, year)
      );

      -- the exchange rate last used per currency, offered for the next record
      CREATE TABLE last_rate (
        currency   TEXT PRIMARY KEY,
        rate_e6    INTEGER NOT NULL CHECK (rate_e6 > 0),
        updated_at TEXT NOT NULL
      );

      -- every change: who, when, what record, before and after (hash chain comes with the audit issue)
      CREATE TABLE audit_log (
        id        INTEGER PRIMARY KEY,
        at        TEXT NOT NULL,
        user_name TEXT NOT NULL,
        entity    TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        action    TEXT NOT NULL,
        changes   TEXT NOT NULL
      );
      CREATE INDEX audit_entity ON audit_log(entity, entity_id);

      CREATE TABLE trade_order (
        id               INTEGER PRIMARY KEY,
        kind             TEXT NOT NULL CHECK (kind IN ('sales', 'purchase')),
        no               TEXT NOT NULL UNIQUE,
        party_id         INTEGER NOT NULL REFERENCES party(id) ON DELETE RESTRICT,
        order_date       TEXT NOT NULL,
        currency         TEXT NOT NULL,
        rate_e6          INTEGER NOT NULL CHECK (rate_e6 > 0),
        incoterm         TEXT NOT NULL DEFAULT '',
        incoterm_place   TEXT NOT NULL DEFAULT '',
        payment_terms    TEXT NOT NULL DEFAULT '',
        delivery_address TEXT NOT NULL DEFAULT '',
        warehouse        TEXT NOT NULL DEFAULT '',
        notes            TEXT NOT NULL DEFAULT '',
        status           TEXT NOT NULL CHECK (status IN ('draft', 'confirmed', 'partial', 'complete', 'closed', 'cancelled')),
        cancel_reason    TEXT NOT NULL DEFAULT '',
        -- totals kept with the lines in the same transaction (minor units of the order currency / base currency)
        total_minor      INTEGER NOT NULL DEFAULT 0,
        base_total_minor INTEGER NOT NULL DEFAULT 0,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      );
      CREATE INDEX order_kind_date ON trade_order(kind, order_date);
      CREATE INDEX order_party ON trade_order(party_id);

      -- quantity ×1000, unit price ×10000, amount in minor units, weights in g, volume ×10000 m³
      CREATE TABLE order_line (
        id             INTEGER PRIMARY KEY,
        order_id       INTEGER NOT NULL REFERENCES trade_order(id) ON DELETE CASCADE,
        line_no        INTEGER NOT NULL,
        product_id     INTEGER REFERENCES product(id) ON DELETE RESTRICT,
        item_no        TEXT NOT NULL DEFAULT '',
        name_zh        TEXT NOT NULL DEFAULT '',
        name_en        TEXT NOT NULL DEFAULT '',
        spec           TEXT NOT NULL DEFAULT '',
        hs_code        TEXT NOT NULL DEFAULT '',
        unit           TEXT NOT NULL DEFAULT '',
        cartons        INTEGER CHECK (cartons IS NULL OR cartons >= 0),
        pcs_per_carton INTEGER CHECK (pcs_per_carton IS NULL OR pcs_per_carton > 0),
        qty_e3         INTEGER NOT NULL CHECK (qty_e3 > 0),
        price_e4       INTEGER NOT NULL CHECK (price_e4 >= 0),
        amount_minor   INTEGER NOT NULL CHECK (amount_minor >= 0),
        gross_g        INTEGER CHECK (gross_g IS NULL OR gross_g >= 0),
        net_g          INTEGER CHECK (net_g IS NULL OR net_g >= 0),
        cbm_e4         INTEGER CHECK (cbm_e4 IS NULL OR cbm_e4 >= 0),
        stall_id       INTEGER REFERENCES party(id) ON DELETE RESTRICT,
        source_line_id INTEGER REFERENCES order_line(id) ON DELETE SET NULL,
        notes          TEXT NOT NULL DEFAULT '',
        CHECK (net_g IS NULL OR gross_g IS NULL OR net_g <= gross_g)
      );
      CREATE INDEX order_line_order ON order_line(order_id, line_no);
      CREATE INDEX order_line_product ON order_line(product_id);
      CREATE INDEX order_line_stall ON order_line(stall_id);

      CREATE TABLE payment (
        id           INTEGER PRIMARY KEY,
        no           TEXT NOT NULL UNIQUE,
        direction    TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        party_id     INTEGER NOT NULL REFERENCES party(id) ON DELETE RESTRICT,
        pay_date     TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        currency     TEXT NOT NULL,
        rate_e6      INTEGER NOT NULL CHECK (rate_e6 > 0),
        method       TEXT NOT NULL CHECK (method IN ('cash', 'bank', 'alipay', 'wechat', 'tt', 'lc')),
        reference    TEXT NOT NULL DEFAULT '',
        notes        TEXT NOT NULL DEFAULT '',
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
      );
      CREATE INDEX payment_party ON payment(party_id);

      CREATE TABLE payment_allocation (
        payment_id   INTEGER NOT NULL REFERENCES payment(id) ON DELETE CASCADE,
        order_id     INTEGER NOT NULL REFERENCES trade_order(id) ON DELETE RESTRICT,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        PRIMARY KEY (payment_id, order_id)
      );
      CREATE INDEX payment_allocation_order ON payment_allocation(order_id);

      CREATE TABLE shipment (
        id             INTEGER PRIMARY KEY,
        no             TEXT NOT NULL UNIQUE,
        mode           TEXT NOT NULL CHECK (mode IN ('sea', 'rail', 'air', 'road', 'express', 'post')),
        trade_mode     TEXT NOT NULL,
        exporter_id    INTEGER REFERENCES party(id) ON DELETE RESTRICT,
        consignee_id   INTEGER NOT NULL REFERENCES party(id) ON DELETE RESTRICT,
        dest_country   TEXT NOT NULL DEFAULT '',
        dest_port      TEXT NOT NULL DEFAULT '',
        loading_port   TEXT NOT NULL DEFAULT '',
        container_no   TEXT NOT NULL DEFAULT '',
        container_type TEXT NOT NULL DEFAULT '',
        seal_no        TEXT NOT NULL DEFAULT '',
        bl_no          TEXT NOT NULL DEFAULT '',
        vessel_voyage  TEXT NOT NULL DEFAULT '',
        forwarder_id   INTEGER REFERENCES party(id) ON DELETE RESTRICT,
        broker_id      INTEGER REFERENCES party(id) ON DELETE RESTRICT,
        declaration_no TEXT NOT NULL DEFAULT '',
        etd            TEXT NOT NULL DEFAULT '',
        eta            TEXT NOT NULL DEFAULT '',
        status         TEXT NOT NULL CHECK (status IN ('planned', 'loading', 'declared', 'departed', 'arrived', 'delivered')),
        marks          TEXT NOT NULL DEFAULT '',
        notes          TEXT NOT NULL DEFAULT '',
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      );
      CREATE INDEX shipment_consignee ON shipment(consignee_id);

      CREATE TABLE shipment_line (
        id            INTEGER PRIMARY KEY,
        shipment_id   INTEGER NOT NULL REFERENCES shipment(id) ON DELETE CASCADE,
        order_line_id INTEGER NOT NULL REFERENCES order_line(id) ON DELETE RESTRICT,
        line_no       INTEGER NOT NULL,
        cartons       INTEGER CHECK (cartons IS NULL OR cartons >= 0),
        qty_e3        INTEGER NOT NULL CHECK (qty_e3 > 0),
        amount_minor  INTEGER NOT NULL CHECK (amount_minor >= 0),
        gross_g       INTEGER CHECK (gross_g IS NULL OR gross_g >= 0),
        net_g         INTEGER CHECK (net_g IS NULL OR net_g >= 0),
        cbm_e4        INTEGER CHECK (cbm_e4 IS NULL OR cbm_e4 >= 0),
        CHECK (net_g IS NULL OR gross_g IS NULL OR net_g <= gross_g)
      );
      CREATE INDEX shipment_line_shipment ON shipment_line(shipment_id, line_no);
      CREATE INDEX shipment_line_order_line ON shipment_line(order_line_id);

      CREATE TABLE import_record (
        id               INTEGER PRIMARY KEY,
        no               TEXT NOT NULL UNIQUE,
        supplier_id      INTEGER NOT NULL REFERENCES party(id) ON DELETE RESTRICT,
        origin_country   TEXT NOT NULL DEFAULT '',
        trade_mode       TEXT NOT NULL,
        declaration_no   TEXT NOT NULL DEFAULT '',
        arrival_date     TEXT NOT NULL DEFAULT '',
        currency         TEXT NOT NULL,
        rate_e6          INTEGER NOT NULL CHECK (rate_e6 > 0),
        value_basis      TEXT NOT NULL CHECK (value_basis IN ('CIF', 'FOB')),
        freight_minor    INTEGER NOT NULL DEFAULT 0 CHECK (freight_minor >= 0),
        insurance_minor  INTEGER NOT NULL DEFAULT 0 CHECK (insurance_minor >= 0),
        vat_in_cost      INTEGER NOT NULL DEFAULT 1 CHECK (vat_in_cost IN (0, 1)),
        status           TEXT NOT NULL CHECK (status IN ('draft', 'received')),
        notes            TEXT NOT NULL DEFAULT '',
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      );

      -- amounts of the computed columns are in base-currency minor units
      CREATE TABLE import_line (
        id                 INTEGER PRIMARY KEY,
        import_id          INTEGER NOT NULL REFERENCES import_record(id) ON DELETE CASCADE,
        line_no            INTEGER NOT NULL,
        product_id         INTEGER REFERENCES product(id) ON DELETE RESTRICT,
        order_line_id      INTEGER REFERENCES order_line(id) ON DELETE RESTRICT,
        description        TEXT NOT NULL DEFAULT '',
        hs_code            TEXT NOT NULL DEFAULT '',
        qty_e3             INTEGER NOT NULL CHECK (qty_e3 > 0),
        price_e4           INTEGER NOT NULL CHECK (price_e4 >= 0),
        amount_minor       INTEGER NOT NULL CHECK (amount_minor >= 0),
        duty_rate_e2       INTEGER NOT NULL CHECK (duty_rate_e2 BETWEEN 0 AND 10000),
        vat_rate_e2        INTEGER NOT NULL CHECK (vat_rate_e2 BETWEEN 0 AND 10000),
        customs_value_base INTEGER NOT NULL,
        duty_base          INTEGER NOT NULL,
        vat_base           INTEGER NOT NULL,
        landed_base        INTEGER NOT NULL,
        landed_unit_e4     INTEGER NOT NULL
      );
      CREATE INDEX import_line_import ON import_line(import_id, line_no);

      -- receipts into stock, manual adjustments and returned claim goods; shipments are counted from
      -- shipment_line directly (see the stock module), so nothing is booked twice
      CREATE TABLE stock_move (
        id             INTEGER PRIMARY KEY,
        product_id     INTEGER NOT NULL REFERENCES product(id) ON DELETE RESTRICT,
        move_date      TEXT NOT NULL,
        kind           TEXT NOT NULL CHECK (kind IN ('purchase_receipt', 'import_receipt', 'adjustment', 'claim_return')),
        qty_e3         INTEGER NOT NULL CHECK (qty_e3 <> 0),
        unit_cost_e4   INTEGER,
        order_line_id  INTEGER REFERENCES order_line(id) ON DELETE RESTRICT,
        import_line_id INTEGER REFERENCES import_line(id) ON DELETE RESTRICT,
        claim_id       INTEGER,
        reason         TEXT NOT NULL DEFAULT '',
        created_at     TEXT NOT NULL
      );
      CREATE INDEX stock_move_product ON stock_move(product_id);
      CREATE INDEX stock_move_order_line ON stock_move(order_line_id);

      CREATE TABLE claim (
        id                INTEGER PRIMARY KEY,
        no                TEXT NOT NULL UNIQUE,
        shipment_line_id  INTEGER NOT NULL REFERENCES shipment_line(id) ON DELETE RESTRICT,
        claim_date        TEXT NOT NULL,
        kind              TEXT NOT NULL CHECK (kind IN ('short', 'damaged', 'wrong', 'quality')),
        cartons           INTEGER CHECK (cartons IS NULL OR cartons >= 0),
        qty_e3            INTEGER NOT NULL CHECK (qty_e3 > 0),
        reason            TEXT NOT NULL DEFAULT '',
        settlement        TEXT CHECK (settlement IS NULL OR settlement IN ('credit', 'replacement', 'refund')),
        amount_minor      INTEGER NOT NULL DEFAULT 0 CHECK (amount_minor >= 0),
        goods_returned    INTEGER NOT NULL DEFAULT 0 CHECK (goods_returned IN (0, 1)),
        status            TEXT NOT NULL CHECK (status IN ('open', 'settled')),
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL
      );
      CREATE INDEX claim_shipment_line ON claim(shipment_line_id);

      CREATE TABLE attachment (
        id         INTEGER PRIMARY KEY,
        entity     TEXT NOT NULL CHECK (entity IN ('order', 'shipment', 'claim', 'product', 'import')),
        entity_id  INTEGER NOT NULL,
        file_name  TEXT NOT NULL,
        mime       TEXT NOT NULL,
        size       INTEGER NOT NULL CHECK (size >= 0),
        data       BLOB NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX attachment_entity ON attachment(entity, entity_id);

      -- import duty and VAT rates offered for the product's import lines (percent ×100)
      ALTER TABLE product ADD COLUMN import_duty_e2 INTEGER CHECK (import_duty_e2 IS NULL OR import_duty_e2 BETWEEN 0 AND 10000);
      ALTER TABLE product ADD COLUMN import_vat_e2 INTEGER CHECK (import_vat_e2 IS NULL OR import_vat_e2 BETWEEN 0 AND 10000);
    `,
  },
  {
    version: 4,
    name: 'audit trail hash chain',
    sql: `
      -- each entry stores the hash of the previous entry and its own (see electron/core/audit.ts)
      ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
      ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
    `,
    // the entries written before v4 get their chain here, in id order
    run: (db) => backfillAuditChain(db),
  },
  {
    version: 5,
    name: 'orders list paging indexes',
    sql: `
      -- orders.page (issue 7): each filter walks an index already in sort order (rowid = id is the tiebreak in
      -- every index), so the first block reads 100 entries instead of sorting the whole filter;
      -- (kind, order_date) from v1 serves the unfiltered list by date
      CREATE INDEX order_kind_status_date ON trade_order(kind, status, order_date);
      CREATE INDEX order_kind_party_date ON trade_order(kind, party_id, order_date);
      CREATE INDEX order_kind_base_total ON trade_order(kind, base_total_minor);
    `,
  },
  {
    version: 6,
    name: 'users, PINs and roles',
    sql: `
      -- the owner (always one, named 'owner') and clerks; a PIN is kept only as an scrypt hash
      -- ("scrypt$logN$r$p$salt$hash", electron/core/access/pin.ts), '' = no PIN. Sign-in is on once the owner
      -- has a PIN. failed_pins / locked_until: wrong PINs in a row and the lockout they caused.
      CREATE TABLE app_user (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (name <> '' AND length(name) <= 50),
        role         TEXT NOT NULL CHECK (role IN ('owner', 'clerk')),
        pin_hash     TEXT NOT NULL DEFAULT '',
        disabled     INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        failed_pins  INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT NOT NULL DEFAULT '',
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        CHECK (role = 'clerk' OR disabled = 0)
      );
      CREATE UNIQUE INDEX app_user_one_owner ON app_user(role) WHERE role = 'owner';
      INSERT INTO app_user (name, role, created_at, updated_at)
        VALUES ('owner', 'owner', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    `,
  },
  {
    version: 7,
    name: 'orders list search and totals',
    sql: `
      -- Free text of the orders list (issue 7). Order lines repeat a trader's products: a million lines hold a few
      -- thousand distinct (item no., names). Those are kept once in line_text, searched through a trigram FTS5
      -- index (substrings, Chinese included), and order_text says which orders hold each; so a search reads the
      -- matching texts and their orders, never the million lines. Triggers keep both right in the transaction
      -- that writes the lines; a text no line uses any more is dropped.
      CREATE TABLE line_text (
        id      INTEGER PRIMARY KEY,
        item_no TEXT NOT NULL,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        UNIQUE (item_no, name_zh, name_en)
      );
      CREATE TABLE order_text (
        text_id  INTEGER NOT NULL,
        order_id INTEGER NOT NULL,
        PRIMARY KEY (text_id, order_id)
      ) WITHOUT ROWID;
      CREATE VIRTUAL TABLE line_text_fts USING fts5(item_no, name_zh, name_en, content = 'line_text', content_rowid = 'id', tokenize = 'trigram');

      CREATE TRIGGER line_text_fts_insert AFTER INSERT ON line_text BEGIN
        INSERT INTO line_text_fts(rowid, item_no, name_zh, name_en) VALUES (NEW.id, NEW.item_no, NEW.name_zh, NEW.name_en);
      END;
      CREATE TRIGGER line_text_fts_delete AFTER DELETE ON line_text BEGIN
        INSERT INTO line_text_fts(line_text_fts, rowid, item_no, name_zh, name_en) VALUES ('delete', OLD.id, OLD.item_no, OLD.name_zh, OLD.name_en);
      END;

      CREATE TRIGGER order_line_text_insert AFTER INSERT ON order_line BEGIN
        INSERT INTO line_text(item_no, name_zh, name_en) VALUES (NEW.item_no, NEW.name_zh, NEW.name_en) ON CONFLICT DO NOTHING;
        INSERT OR IGNORE INTO order_text(text_id, order_id)
          SELECT id, NEW.order_id FROM line_text WHERE item_no = NEW.item_no AND name_zh = NEW.name_zh AND name_en = NEW.name_en;
      END;
      CREATE TRIGGER order_line_text_delete AFTER DELETE ON order_line BEGIN
        DELETE FROM order_text
          WHERE order_id = OLD.order_id
            AND text_id = (SELECT id FROM line_text WHERE item_no = OLD.item_no AND name_zh = OLD.name_zh AND name_en = OLD.name_en)
            AND NOT EXISTS (SELECT 1 FROM order_line WHERE order_id = OLD.order_id AND item_no = OLD.item_no AND name_zh = OLD.name_zh AND name_en = OLD.name_en);
        DELETE FROM line_text
          WHERE item_no = OLD.item_no AND name_zh = OLD.name_zh AND name_en = OLD.name_en
            AND NOT EXISTS (SELECT 1 FROM order_text WHERE text_id = line_text.id);
      END;
      CREATE TRIGGER order_line_text_update AFTER UPDATE OF order_id, item_no, name_zh, name_en ON order_line BEGIN
        DELETE FROM order_text
          WHERE order_id = OLD.order_id
            AND text_id = (SELECT id FROM line_text WHERE item_no = OLD.item_no AND name_zh = OLD.name_zh AND name_en = OLD.name_en)
            AND NOT EXISTS (SELECT 1 FROM order_line WHERE order_id = OLD.order_id AND item_no = OLD.item_no AND name_zh = OLD.name_zh AND name_en = OLD.name_en);
        INSERT INTO line_text(item_no, name_zh, name_en) VALUES (NEW.item_no, NEW.name_zh, NEW.name_en) ON CONFLICT DO NOTHING;
        INSERT OR IGNORE INTO order_text(text_id, order_id)
          SELECT id, NEW.order_id FROM line_text WHERE item_no = NEW.item_no AND name_zh = NEW.name_zh AND name_en = NEW.name_en;
        DELETE FROM line_text
          WHERE item_no = OLD.item_no AND name_zh = OLD.name_zh AND name_en = OLD.name_en
            AND NOT EXISTS (SELECT 1 FROM order_text WHERE text_id = line_text.id);
      END;

      INSERT INTO line_text(item_no, name_zh, name_en) SELECT DISTINCT item_no, name_zh, name_en FROM order_line;
      INSERT INTO order_text(text_id, order_id)
        SELECT DISTINCT lt.id, ol.order_id FROM order_line ol
        JOIN line_text lt ON lt.item_no = ol.item_no AND lt.name_zh = ol.name_zh AND lt.name_en = ol.name_en;

      -- Σ payment allocations on each order, kept by triggers, so the totals under the orders grid (paid,
      -- unpaid over the whole filter) read trade_order alone
      ALTER TABLE trade_order ADD COLUMN paid_total_minor INTEGER NOT NULL DEFAULT 0;
      UPDATE trade_order SET paid_total_minor = (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocation WHERE order_id = trade_order.id);
      -- (each trigger sets the sum again rather than adding to it: an undo that puts back both the order row
      -- and the allocations, in whatever order, ends with the right sum)
      CREATE TRIGGER payment_allocation_paid_insert AFTER INSERT ON payment_allocation BEGIN
        UPDATE trade_order SET paid_total_minor = (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocation WHERE order_id = NEW.order_id) WHERE id = NEW.order_id;
      END;
      CREATE TRIGGER payment_allocation_paid_delete AFTER DELETE ON payment_allocation BEGIN
        UPDATE trade_order SET paid_total_minor = (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocation WHERE order_id = OLD.order_id) WHERE id = OLD.order_id;
      END;
      CREATE TRIGGER payment_allocation_paid_update AFTER UPDATE OF order_id, amount_minor ON payment_allocation BEGIN
        UPDATE trade_order SET paid_total_minor = (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocation WHERE order_id = OLD.order_id) WHERE id = OLD.order_id;
        UPDATE trade_order SET paid_total_minor = (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocation WHERE order_id = NEW.order_id) WHERE id = NEW.order_id;
      END;
      -- the orders list sorted by party: parties in name order (the rowid, the party id, breaks ties)
      CREATE INDEX party_sort_name ON party((CASE WHEN name_zh <> '' THEN name_zh ELSE name_en END));
      -- the count and per-currency totals of a filter read this index alone, already grouped by currency (no
      -- table row per order, no sort)
      CREATE INDEX order_kind_totals ON trade_order(kind, currency, order_date, status, party_id, total_minor, base_total_minor, paid_total_minor);
    `,
  },
  {
    version: 8,
    name: 'party document language',
    sql: `
      -- the language a buyer's documents use besides Chinese (commercial invoice, packing list, sales contract,
      -- statement): 'en' (default), 'ar', 'ru'; the allowed set is the API's (shared/api.ts DOC_LANGUAGES), so
      -- adding a language needs no schema change
      ALTER TABLE party ADD COLUMN doc_language TEXT NOT NULL DEFAULT 'en';
    `,
  },
  {
    version: 9,
    name: 'saved import mappings',
    sql: `
      -- Spreadsheet in (issue 5): a column mapping saved by name, reused for the next file from the same source.
      -- Company data, not per user: the owner and the bookkeeper import the same suppliers' lists.
      CREATE TABLE import_mapping (
        name        TEXT PRIMARY KEY COLLATE NOCASE,
        kind        TEXT NOT NULL CHECK (kind IN ('products', 'parties', 'order-lines')),
        columns     TEXT NOT NULL,            -- JSON [{ header, field }]
        updated_at  TEXT NOT NULL
      );
    `,
  },
  {
    version: 10,
    name: 'stock on hand kept per product',
    sql: `
      -- quantity on hand per product (stock moves less shipped lines: trade/stock-query.ts), kept by the triggers
      -- below in the same statement as the rows it sums, so the first screen, the stock list and the products
      -- list read one row per product instead of summing every move and shipment line (seconds at 1M lines).
      -- Each trigger adds or takes away exactly the quantity of the row written, so it stays right whatever
      -- writes the rows (the app, the seed, an undo putting rows back: electron/core/undo.ts leaves this table
      -- out of its log for that reason).
      CREATE TABLE product_stock (
        product_id INTEGER PRIMARY KEY REFERENCES product(id) ON DELETE CASCADE,
        on_hand_e3 INTEGER NOT NULL DEFAULT 0
      );
      INSERT INTO product_stock (product_id, on_hand_e3)
        SELECT p.id,
               (SELECT coalesce(sum(sm.qty_e3), 0) FROM stock_move sm WHERE sm.product_id = p.id)
               - (SELECT coalesce(sum(sl.qty_e3), 0) FROM shipment_line sl JOIN order_line ol ON ol.id = sl.order_line_id WHERE ol.product_id = p.id)
        FROM product p;
      CREATE TRIGGER product_stock_new AFTER INSERT ON product BEGIN
        INSERT OR REPLACE INTO product_stock (product_id, on_hand_e3) VALUES (NEW.id, 0);
      END;
      CREATE TRIGGER stock_move_on_hand_insert AFTER INSERT ON stock_move BEGIN
        UPDATE product_stock SET on_hand_e3 = on_hand_e3 + NEW.qty_e3 WHERE product_id = NEW.product_id;
      END;
      CREATE TRIGGER stock_move_on_hand_delete AFTER DELETE ON stock_move BEGIN
        UPDATE product_stock SET on_hand_e3 = on_hand_e3 - OLD.qty_e3 WHERE product_id = OLD.product_id;
      END;
      CREATE TRIGGER stock_move_on_hand_update AFTER UPDATE OF product_id, qty_e3 ON stock_move BEGIN
        UPDATE product_stock SET on_hand_e3 = on_hand_e3 - OLD.qty_e3 WHERE product_id = OLD.product_id;
        UPDATE product_stock SET on_hand_e3 = on_hand_e3 + NEW.qty_e3 WHERE product_id = NEW.product_id;
      END;
      CREATE TRIGGER shipment_line_on_hand_insert AFTER INSERT ON shipment_line BEGIN
        UPDATE product_stock SET on_hand_e3 = on_hand_e3 - NEW.qty_e3 WHERE product_id = (SELECT product_id FROM order_line WHERE id = NEW.order_line_id);
      END;
      CREATE TRIGGER shipment_line_on_hand_delete AFTER DELETE ON shipment_line BEGIN
        UPDATE product_stock SET on_hand_e3 = on_hand_e3 + OLD.qty_e3 WHERE product_id = (SELECT product_id FROM order_line WHERE id = OLD.order_line_id);
      END;
      CREATE TRIGGER shipment_line_on_hand_update AFTER UPDATE OF order_line_id, qty_e3 ON shipment_line BEGIN
        UPDATE product_stock SET on_hand_e3 = on_hand_e3 + OLD.qty_e3 WHERE product_id = (SELECT product_id FROM order_line WHERE id = OLD.order_line_id);
        UPDATE product_stock SET on_hand_e3 = on_hand_e3 - NEW.qty_e3 WHERE product_id = (SELECT product_id FROM order_line WHERE id = NEW.order_line_id);
      END;
      -- a shipped line whose product is changed takes its shipped quantity along
      CREATE TRIGGER order_line_on_hand_product AFTER UPDATE OF product_id ON order_line WHEN OLD.product_id IS NOT NEW.product_id BEGIN
        UPDATE product_stock SET on_hand_e3 = on_hand_e3 + (SELECT coalesce(sum(qty_e3), 0) FROM shipment_line WHERE order_line_id = NEW.id) WHERE product_id = OLD.product_id;
        UPDATE product_stock SET on_hand_e3 = on_hand_e3 - (SELECT coalesce(sum(qty_e3), 0) FROM shipment_line WHERE order_line_id = NEW.id) WHERE product_id = NEW.product_id;
      END;
    `,
  },
  {
    version: 11,
    name: 'allocated sum per payment',
    sql: `
      -- Σ allocations of each payment, kept by triggers (set again from the allocations, like trade_order's
      -- paid_total_minor), so the balances on the first screen read what each payment still has unallocated
      -- without summing its allocations (1M lines: 60,000 payments)
      ALTER TABLE payment ADD COLUMN allocated_minor INTEGER NOT NULL DEFAULT 0;
      UPDATE payment SET allocated_minor = (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocation WHERE payment_id = payment.id);
      CREATE TRIGGER payment_allocation_allocated_insert AFTER INSERT ON payment_allocation BEGIN
        UPDATE payment SET allocated_minor = (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocation WHERE payment_id = NEW.payment_id) WHERE id = NEW.payment_id;
      END;
      CREATE TRIGGER payment_allocation_allocated_delete AFTER DELETE ON payment_allocation BEGIN
        UPDATE payment SET allocated_minor = (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocation WHERE payment_id = OLD.payment_id) WHERE id = OLD.payment_id;
      END;
      CREATE TRIGGER payment_allocation_allocated_update AFTER UPDATE OF payment_id, amount_minor ON payment_allocation BEGIN
        UPDATE payment SET allocated_minor = (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocation WHERE payment_id = OLD.payment_id) WHERE id = OLD.payment_id;
        UPDATE payment SET allocated_minor = (SELECT coalesce(sum(amount_minor), 0) FROM payment_allocation WHERE payment_id = NEW.payment_id) WHERE id = NEW.payment_id;
      END;
    `,
  },
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
