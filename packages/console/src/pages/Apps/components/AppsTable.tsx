import { Anchor, Table } from '@mantine/core';
import type { AppListQuery } from '@twofold/shared/graphql';
import { generatePath, Link } from 'react-router';
import { platformLabels } from '../../../lib/labels';
import { paths } from '../../../session/paths';

type AppRow = AppListQuery['apps'][number];

/** The apps by name (as the server sorts them), each linking to its page. */
export function AppsTable({ apps }: { apps: readonly AppRow[] }) {
  return (
    <Table striped highlightOnHover verticalSpacing="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Name</Table.Th>
          <Table.Th scope="col">Platform</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {apps.map((app) => (
          <Table.Tr key={app.id}>
            <Table.Td>
              <Anchor component={Link} to={generatePath(paths.app, { id: app.id })} fw={500}>
                {app.name}
              </Anchor>
            </Table.Td>
            <Table.Td>{platformLabels[app.platform]}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
