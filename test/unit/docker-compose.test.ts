import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../src/config';

const compose = parse(readFileSync(join(PROJECT_ROOT, 'docker', 'docker-compose.yml'), 'utf8'));
const haproxy = readFileSync(join(PROJECT_ROOT, 'docker', 'haproxy.cfg'), 'utf8');

describe('docker/docker-compose.yml: replicated API on Neo4j and Redis behind a proxy', () => {
  it('has Neo4j, Redis (bounded memory, nothing persisted), the API and the proxy', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'neo4j', 'proxy', 'redis']);
    const command: string[] = compose.services.redis.command;
    expect(command.slice(command.indexOf('--maxmemory'), command.indexOf('--maxmemory') + 2)).toEqual(['--maxmemory', '256mb']);
    expect(command).toContain('allkeys-lru');
    expect(command.slice(command.indexOf('--save'), command.indexOf('--save') + 2)).toEqual(['--save', '']);
  });

  it('runs at least two API replicas sharing Neo4j and Redis, reachable only through the proxy', () => {
    const api = compose.services.api;
    expect(api.deploy.replicas).toMatch(/^\$\{API_REPLICAS:-([2-9]|\d\d+)\}$/);
    expect(api.environment).toMatchObject({ NEO4J_URI: 'bolt://neo4j:7687', REDIS_URL: 'redis://redis:6379' });
    expect(api.ports).toBeUndefined(); // replicas would clash on one host port
    expect(api.depends_on).toEqual({ neo4j: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    expect(compose.services.proxy.ports).toEqual(['4000:4000']);
    expect(compose.services.proxy.volumes).toEqual(['./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro']);
  });

  it("balances over every replica the service's DNS name gives, checked on /ready", () => {
    expect(haproxy).toMatch(/option httpchk GET \/ready/);
    expect(haproxy).toMatch(/server-template api \d+ api:4000/);
    expect(haproxy).toMatch(/bind :4000/);
    expect(haproxy).toMatch(/resolvers docker/);
  });
});
