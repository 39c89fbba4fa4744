import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * Where the SQLite queue and the MySQL retry hook into TypeORM: every EntityManager (the
 * DataSource's own, so every repository, and each query runner's), and every query runner the
 * driver hands out. Call before `initialize`.
 */
export function onEveryManager(
  dataSource: DataSource,
  patch: (manager: EntityManager) => void,
): void {
  patch(dataSource.manager);
  const createEntityManager = dataSource.createEntityManager.bind(dataSource);
  dataSource.createEntityManager = (queryRunner?: QueryRunner) => {
    const manager = createEntityManager(queryRunner);
    patch(manager);
    return manager;
  };
}

export function onEveryQueryRunner(
  dataSource: DataSource,
  patch: (runner: QueryRunner) => void,
): void {
  const driver = dataSource.driver;
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => {
    const runner = createQueryRunner(mode);
    patch(runner);
    return runner;
  };
}
