/**
 * Ordered schema migrations. Each is applied in its own transaction and recorded in schema_migrations;
 * PRAGMA user_version holds the version the file is at. Never edit a migration that has shipped: add a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
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
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
