import { loadConfig } from '../../src/config';
import { DockerSandbox } from '../../src/sandbox/docker-sandbox';
import { engineOptions } from '../../src/sandbox/engine-options';
import { engineEnv } from './docker-engine';

/** Our DockerSandbox on the engine the tests use, configured the way the app configures it. */
export function realSandbox(): DockerSandbox {
  return new DockerSandbox(engineOptions(loadConfig(engineEnv()).sandbox.engines[0]));
}
