// The form-js editor for the designer's form dialog, in a bundle of its own: loaded the first time a form is opened,
// so that the designer itself opens without waiting for it.
import { FormEditor } from '@bpmn-io/form-js-editor';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';

window.OrchestratorFormEditor = {
  create(container) {
    return new FormEditor({ container });
  },
};
