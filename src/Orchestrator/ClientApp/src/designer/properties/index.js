import OrcPropertiesProvider from './OrcPropertiesProvider.js';

export default {
  __init__: ['orcPropertiesProvider'],
  orcPropertiesProvider: ['type', OrcPropertiesProvider],
};
