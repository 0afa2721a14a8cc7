import { simulateSeeds } from './simulation-seeds';

simulateSeeds(2);
