// bpmn-moddle ships its model types under "bpmn-moddle/types" but none for its main entry; the
// part Civitas uses (reading XML back in the tests) is declared here.
declare module "bpmn-moddle" {
  export interface ModdleElement {
    $type: string;
    id?: string;
    get(name: string): unknown;
    [property: string]: unknown;
  }
  export class BpmnModdle {
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: ModdleElement; warnings: unknown[] }>;
  }
}
