// Baobei overrides of the Camunda webapp configuration (see Camunda's config.js reference).
export default {
  app: {
    name: '客户报备',
    vendor: 'Baobei'
  },
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh'
  },
  dateFormat: {
    normal: 'YYYY-MM-DD HH:mm',
    long: 'YYYY年M月D日 HH:mm'
  },
  customScripts: ['custom/baobei-login', 'custom/baobei-fields', 'custom/baobei-zh', 'custom/baobei-tasks', 'custom/baobei-nav']
};
