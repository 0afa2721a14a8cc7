// Imported first by code that runs inside the extension: its policy forbids eval, which zod's
// compiled parsers use when a probe lets them (the probe can pass when the code is evaluated over
// the DevTools protocol). Schemas decide this when they are built, so this runs before any is.
import { z } from 'zod';

z.config({ jitless: true });
