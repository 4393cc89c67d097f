// Baobei overrides of the Camunda webapp configuration (see Camunda's config.js reference).
export default {
  app: {
    name: 'Baobei',
    vendor: '客户报备'
  },
  customScripts: ['custom/baobei-login']
};
