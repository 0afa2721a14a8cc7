#!/usr/bin/env node
// Runs every benchmark against a fresh production build; each prints JSON lines.
import { execFileSync } from 'node:child_process';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
execFileSync('npx', ['wxt', 'build'], { stdio: 'ignore' });
run('npx', ['tsx', 'bench/content-script-size.ts']);
run('npx', ['tsx', 'bench/sidebar-latency.ts']);
