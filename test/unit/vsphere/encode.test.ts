import { describe, expect, it } from 'vitest';
import { containerViewRetrieveArgs } from '../../../src/vsphere/methods.js';
import { encodeRequest, xmlEscape } from '../../../src/vsphere/soap-encode.js';

const OPEN =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<soapenv:Envelope xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"' +
  ' xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"' +
  ' xmlns:xsd="http://www.w3.org/2001/XMLSchema"' +
  ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>';
const CLOSE = '</soapenv:Body></soapenv:Envelope>';

describe('soap-encode', () => {
  it('escapes the five XML special characters', () => {
    expect(xmlEscape(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
  });

  it('encodes Login with an escaped password', () => {
    const xml = encodeRequest('Login', { type: 'SessionManager', value: 'SessionManager' }, [
      ['userName', 'VSPHERE.LOCAL\\ftscan'],
      ['password', `p<&>"'w`],
    ]);
    expect(xml).toBe(
      OPEN +
        '<Login xmlns="urn:vim25"><_this type="SessionManager">SessionManager</_this>' +
        '<userName>VSPHERE.LOCAL\\ftscan</userName>' +
        '<password>p&lt;&amp;&gt;&quot;&apos;w</password></Login>' +
        CLOSE,
    );
  });

  it('encodes RetrievePropertiesEx over a ContainerView exactly', () => {
    const view = { type: 'ContainerView', value: 'session[52bb85b0]5286fa88' };
    const xml = encodeRequest(
      'RetrievePropertiesEx',
      { type: 'PropertyCollector', value: 'propertyCollector' },
      containerViewRetrieveArgs(
        view,
        [
          { type: 'VirtualMachine', paths: ['name', 'config.hardware.device'] },
          { type: 'HostSystem', paths: ['name'] },
        ],
        500,
      ),
    );
    expect(xml).toBe(
      OPEN +
        '<RetrievePropertiesEx xmlns="urn:vim25">' +
        '<_this type="PropertyCollector">propertyCollector</_this>' +
        '<specSet>' +
        '<propSet><type>VirtualMachine</type><all>false</all><pathSet>name</pathSet><pathSet>config.hardware.device</pathSet></propSet>' +
        '<propSet><type>HostSystem</type><all>false</all><pathSet>name</pathSet></propSet>' +
        '<objectSet><obj type="ContainerView">session[52bb85b0]5286fa88</obj><skip>true</skip>' +
        '<selectSet xsi:type="TraversalSpec"><type>ContainerView</type><path>view</path><skip>false</skip></selectSet>' +
        '</objectSet>' +
        '</specSet>' +
        '<options><maxObjects>500</maxObjects></options>' +
        '</RetrievePropertiesEx>' +
        CLOSE,
    );
  });

  it('writes MoRefs with their type attribute, escaping both', () => {
    const xml = encodeRequest('DestroyView', { type: 'Container"View', value: 'a<b>' });
    expect(xml).toContain('<_this type="Container&quot;View">a&lt;b&gt;</_this>');
  });

  it('repeats arrays, nests data objects and leaves out undefined arguments', () => {
    const xml = encodeRequest('CreateContainerView', { type: 'ViewManager', value: 'ViewManager' }, [
      ['container', { type: 'Folder', value: 'group-d1' }],
      ['type', ['VirtualMachine', 'HostSystem']],
      ['recursive', true],
      ['absent', undefined as unknown as string],
    ]);
    expect(xml).toContain(
      '<CreateContainerView xmlns="urn:vim25"><_this type="ViewManager">ViewManager</_this>' +
        '<container type="Folder">group-d1</container><type>VirtualMachine</type><type>HostSystem</type>' +
        '<recursive>true</recursive></CreateContainerView>',
    );
  });

  it('encodes a token containing markup characters verbatim after escaping', () => {
    const xml = encodeRequest('ContinueRetrievePropertiesEx', { type: 'PropertyCollector', value: 'pc' }, [['token', '1&2<3']]);
    expect(xml).toContain('<token>1&amp;2&lt;3</token>');
  });
});
