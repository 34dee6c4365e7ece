import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobNotFoundError } from '../errors.js';
import { InvalidBlobKeyError } from './blob-key.js';
import { FileBlobStore } from './file-blob-store.js';

const bytes = (value: string) => new TextEncoder().encode(value);

/** Every file under `directory`, relative, sorted (temporary files included). */
async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('FileBlobStore', () => {
  let sandbox: string;
  let root: string;
  let store: FileBlobStore;
  beforeEach(async () => {
    sandbox = await mkdtemp(path.join(tmpdir(), 'file-blob-store-'));
    root = path.join(sandbox, 'blobs');
    store = new FileBlobStore(root);
  });
  afterEach(() => rm(sandbox, { recursive: true, force: true }));

  it('stores bytes under nested keys and reads them back', async () => {
    await store.put('sessions/s1/documents/d1.pdf', bytes('%PDF-1.7 hello'));
    expect(new TextDecoder().decode(await store.getBytes('sessions/s1/documents/d1.pdf'))).toBe('%PDF-1.7 hello');
    expect(await readFile(path.join(root, 'sessions/s1/documents/d1.pdf'), 'utf8')).toBe('%PDF-1.7 hello');
    expect(await filesUnder(sandbox)).toEqual(['blobs/sessions/s1/documents/d1.pdf']);
  });

  it('replaces an existing blob whole', async () => {
    await store.put('a.pdf', bytes('first version, longer'));
    await store.put('a.pdf', bytes('second'));
    expect(new TextDecoder().decode(await store.getBytes('a.pdf'))).toBe('second');
  });

  it('leaves one complete version and no temporary file after concurrent writes of one key', async () => {
    const versions = Array.from({ length: 8 }, (_, i) => String(i).repeat(100_000));
    await Promise.all(versions.map((version) => store.put('same.pdf', bytes(version))));
    expect(versions).toContain(new TextDecoder().decode(await store.getBytes('same.pdf')));
    expect(await filesUnder(root)).toEqual(['same.pdf']);
  });

  it('streams the whole blob with its size', async () => {
    await store.put('a.pdf', bytes('0123456789'));
    const result = await store.read('a.pdf');
    expect(result.size).toBe(10);
    expect(result.range).toBeUndefined();
    expect(await text(result.stream)).toBe('0123456789');
  });

  it.each([
    [{ start: 0, end: 3 }, { start: 0, end: 3 }, '0123'],
    [{ start: 5, end: 5 }, { start: 5, end: 5 }, '5'],
    [{ start: 7, end: 9 }, { start: 7, end: 9 }, '789'],
    [{ start: 8, end: 1000 }, { start: 8, end: 9 }, '89'],
  ])('streams the inclusive range %j', async (range, returned, content) => {
    await store.put('a.pdf', bytes('0123456789'));
    const result = await store.read('a.pdf', range);
    expect([result.size, result.range]).toEqual([10, returned]);
    expect(await text(result.stream)).toBe(content);
  });

  it.each([
    [{ start: 10, end: 12 }, 'Range 10-12 cannot be satisfied for a.pdf (10 bytes).'],
    [{ start: 4, end: 3 }, 'Range 4-3 cannot be satisfied for a.pdf (10 bytes).'],
    [{ start: -1, end: 3 }, 'Range -1-3 cannot be satisfied for a.pdf (10 bytes).'],
    [{ start: 0.5, end: 3 }, 'Range 0.5-3 cannot be satisfied for a.pdf (10 bytes).'],
  ])('refuses the range %j', async (range, message) => {
    await store.put('a.pdf', bytes('0123456789'));
    const failure = store.read('a.pdf', range);
    await expect(failure).rejects.toThrow(RangeError);
    await expect(failure).rejects.toThrow(message);
  });

  it('reads an empty blob', async () => {
    await store.put('empty.pdf', new Uint8Array());
    expect(await store.getBytes('empty.pdf')).toEqual(new Uint8Array());
    const result = await store.read('empty.pdf');
    expect([result.size, await text(result.stream)]).toEqual([0, '']);
  });

  it('says BlobNotFoundError for missing keys and for directories', async () => {
    await store.put('sessions/s1/a.pdf', bytes('x'));
    for (const key of ['missing.pdf', 'sessions/s1', 'sessions/s1/a.pdf/deeper']) {
      await expect(store.getBytes(key)).rejects.toEqual(new BlobNotFoundError(key));
      await expect(store.read(key)).rejects.toEqual(new BlobNotFoundError(key));
    }
  });

  it('deletes a blob, and deleting a missing one succeeds', async () => {
    await store.put('sessions/s1/a.pdf', bytes('x'));
    await store.delete('sessions/s1/a.pdf');
    await expect(store.getBytes('sessions/s1/a.pdf')).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.delete('sessions/s1/a.pdf')).resolves.toBeUndefined();
    await expect(store.delete('never/was.pdf')).resolves.toBeUndefined();
  });

  it.each([
    ['', 'it is empty'],
    ['../outside.pdf', 'segment ".." starts with "."'],
    ['sessions/../../outside.pdf', 'segment ".." starts with "."'],
    ['sessions/./a.pdf', 'segment "." starts with "."'],
    ['.hidden', 'segment ".hidden" starts with "."'],
    ['a/.a.pdf.0000.tmp', 'segment ".a.pdf.0000.tmp" starts with "."'],
    ['/etc/passwd', 'it is absolute'],
    ['..\\..\\outside.pdf', 'it contains a backslash'],
    ['C:\\Windows\\win.ini', 'it contains a backslash'],
    ['a\u0000.pdf', 'it contains a control character'],
    ['a\n.pdf', 'it contains a control character'],
    ['sessions//a.pdf', 'it has an empty segment'],
    ['sessions/', 'it has an empty segment'],
    [`${'a'.repeat(256)}.pdf`, 'a segment is longer than 255 characters'],
    ['a/'.repeat(600), 'it is longer than 1024 characters'],
  ])('refuses the key %j (%s) and touches nothing', async (key, reason) => {
    await mkdir(root, { recursive: true });
    for (const attempt of [
      () => store.put(key, bytes('evil')),
      () => store.getBytes(key),
      () => store.read(key),
      () => store.delete(key),
    ]) {
      const failure = attempt();
      await expect(failure).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(failure).rejects.toThrow(`Invalid blob key ${JSON.stringify(key)}: ${reason}.`);
    }
    expect(await filesUnder(sandbox)).toEqual([]);
  });

  it('refuses to write through a symbolic link that leads outside the store', async () => {
    const outside = path.join(sandbox, 'outside');
    await mkdir(outside);
    await mkdir(root);
    await symlink(outside, path.join(root, 'escape'));
    await expect(store.put('escape/a.pdf', bytes('x'))).rejects.toThrow('Blob key "escape/a.pdf" leads outside the store through a symbolic link.');
    expect(await readdir(outside)).toEqual([]);
  });

  it('removes its temporary file when the final rename fails', async () => {
    await mkdir(path.join(root, 'taken.pdf', 'inside'), { recursive: true });
    await expect(store.put('taken.pdf', bytes('x'))).rejects.toMatchObject({ code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST)$/) });
    expect(await readdir(root)).toEqual(['taken.pdf']);
  });

  it('pings when the root is usable (creating it) and fails when it is not a directory', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
    expect(await readdir(root)).toEqual([]);
    const file = path.join(sandbox, 'a-file');
    await writeFile(file, 'x');
    await expect(new FileBlobStore(file).ping()).rejects.toMatchObject({ code: 'EEXIST' });
  });
});
