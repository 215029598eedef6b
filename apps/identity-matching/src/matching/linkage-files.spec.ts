import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readLinkageConfigFile } from '../linking/linkage-config-file';
import { DEFAULT_LINKAGE } from './domain/default-linkage';
import { linkageFiles } from './linkage-files';

const directory = path.resolve(__dirname, '../..');

describe('the linkage files beside the README', () => {
  it.each(Object.entries(linkageFiles()))(
    '%s is up to date (npm run linkage:files writes it)',
    (name, content) => {
      expect(readFileSync(path.join(directory, name), 'utf8')).toBe(content);
    },
  );

  it('linkage.default.json reads back as the default configuration', () => {
    expect(readLinkageConfigFile(path.join(directory, 'linkage.default.json'))).toEqual({
      config: DEFAULT_LINKAGE,
    });
  });
});
