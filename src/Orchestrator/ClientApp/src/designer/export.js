// Taking the diagram out of the designer: the BPMN XML, an SVG, a PNG (the SVG drawn on a canvas), and a print of the
// diagram with its text outline.
import { download, t, announce } from './page.js';

export async function downloadXml(modeler, name) {
  const { xml } = await modeler.saveXML({ format: true });
  download(name + '.bpmn', xml, 'application/xml');
}

export async function downloadSvg(modeler, name) {
  const { svg } = await modeler.saveSVG();
  download(name + '.svg', svg, 'image/svg+xml');
}

export async function downloadPng(modeler, name) {
  const { svg } = await modeler.saveSVG();
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    await new Promise((resolve, reject) => {
      image.onload = resolve;
      image.onerror = () => reject(new Error(t('Export_PngFailed')));
      image.src = url;
    });
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(image.width * scale);
    canvas.height = Math.ceil(image.height * scale);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    download(name + '.png', blob);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Prints the diagram (as SVG, scaled to the page) and the outline; the print stylesheet hides everything else. */
export async function printDiagram(modeler) {
  const { svg } = await modeler.saveSVG();
  const area = document.getElementById('print-diagram');
  area.innerHTML = svg;
  announce(t('Export_Printing'));
  window.print();
}
