export {
  type AntomSettings,
  BINDING_NAMES,
  type EdgeBindings,
  MissingBindings,
  settingsFromBindings,
} from './bindings.js'
export { createEdgeHandler, type EdgeHandler, type EdgeHandlerConfig } from './edge-handler.js'
export { buildEngineContext, type EngineContext, type EngineSetup } from './engine-context.js'
