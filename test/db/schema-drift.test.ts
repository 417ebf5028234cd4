/**
 * The hand-written Kysely table types (src/db/schema.ts) must match what the migrations create:
 * every table, every column, and whether it may be null.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { sql } from 'kysely';
import { createTestDatabase } from '../support/database';

const schemaFile = path.resolve(import.meta.dirname, '..', '..', 'src', 'db', 'schema.ts');

/** A column type admits null when `null` is one of its top-level union members. */
function isNullable(type: ts.TypeNode): boolean {
  const isNull = (t: ts.TypeNode) => ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword;
  return ts.isUnionTypeNode(type) ? type.types.some(isNull) : isNull(type);
}

/** table → column → nullable, as declared in schema.ts. */
function declaredSchema(): Map<string, Map<string, boolean>> {
  const source = ts.createSourceFile(schemaFile, fs.readFileSync(schemaFile, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
  });
  const database = interfaces.get('Database');
  assert.ok(database, 'schema.ts declares the Database interface');
  const tables = new Map<string, Map<string, boolean>>();
  for (const member of database.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const tableName = member.name.getText(source);
    const table = interfaces.get(member.type.getText(source));
    assert.ok(table, `${tableName}: its interface is declared in schema.ts`);
    const columns = new Map<string, boolean>();
    for (const column of table.members) {
      if (!ts.isPropertySignature(column) || !column.type) continue;
      columns.set(column.name.getText(source), isNullable(column.type));
    }
    tables.set(tableName, columns);
  }
  return tables;
}

test('schema.ts describes exactly the tables and columns the migrations create', async () => {
  const db = await createTestDatabase();
  const rows = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
    SELECT table_name, column_name, is_nullable FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name NOT LIKE 'chartfax_migrations%'`.execute(db.db);
  const actual = new Map<string, Map<string, boolean>>();
  for (const row of rows.rows) {
    if (!actual.has(row.table_name)) actual.set(row.table_name, new Map());
    actual.get(row.table_name)!.set(row.column_name, row.is_nullable === 'YES');
  }
  const declared = declaredSchema();
  assert.deepEqual([...declared.keys()].sort(), [...actual.keys()].sort(), 'the same tables');
  for (const [table, columns] of actual) {
    const types = declared.get(table)!;
    assert.deepEqual([...types.keys()].sort(), [...columns.keys()].sort(), `${table}: the same columns`);
    for (const [column, nullable] of columns) {
      assert.equal(
        types.get(column),
        nullable,
        `${table}.${column}: ${nullable ? 'may be null in the database' : 'is NOT NULL in the database'}`,
      );
    }
  }
});
