import { defineContentScript } from 'wxt/utils/define-content-script';
import { APP_HOST_PATTERNS } from '@/utils/hosts';

export default defineContentScript({
  matches: APP_HOST_PATTERNS,
  main() {
    console.log('content');
  },
});
