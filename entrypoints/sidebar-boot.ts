// The sidebar frame's first script (sidebar.html loads it before the app's modules): see
// components/sidebar/boot.ts. A classic, self-contained script, so it is one request.
import { defineUnlistedScript } from '#imports';
import themeCss from '@/components/ui/theme.css?inline';
import { bootSidebar } from '@/components/sidebar/boot';

export default defineUnlistedScript(() => bootSidebar(document, themeCss));
