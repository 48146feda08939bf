"""pyVmomi benchmark peer: ftscan's collect spec (buildCollectSpec as JSON, written by bench/run.ts to
$FTSCAN_BENCH_SPEC): one ContainerView over its view types, RetrievePropertiesEx with its PropertySpecs and
page size, ContinueRetrievePropertiesEx until no token; pyVmomi decodes every value into its vim types. Run
with Debian's /usr/bin/python3 (python3-pyvmomi). Connection details come from the environment (never argv):
FTSCAN_BENCH_URL, _USER, _PASSWORD, _CA (PEM), _SPEC. Prints one JSON line: seconds, objects, devices,
maxRssMB, cpuSeconds."""
import json
import os
import resource
import ssl
import sys
import time
from urllib.parse import urlparse

from pyVim.connect import Disconnect, SmartConnect
from pyVmomi import vim, vmodl


def main():
    start = time.monotonic()
    u = urlparse(os.environ["FTSCAN_BENCH_URL"])
    ctx = ssl.create_default_context(cafile=os.environ["FTSCAN_BENCH_CA"])
    # vcsim serves Go's httptest certificate (RSA 1024); Debian's OpenSSL refuses it at SECLEVEL 2.
    ctx.set_ciphers("DEFAULT:@SECLEVEL=1")
    si = SmartConnect(host=u.hostname, port=u.port, user=os.environ["FTSCAN_BENCH_USER"],
                      pwd=os.environ["FTSCAN_BENCH_PASSWORD"], sslContext=ctx)
    try:
        content = si.RetrieveContent()
        with open(os.environ["FTSCAN_BENCH_SPEC"]) as f:
            collect = json.load(f)
        view = content.viewManager.CreateContainerView(
            content.rootFolder, [getattr(vim, t) for t in collect["viewTypes"]], True)
        try:
            spec = vmodl.query.PropertyCollector.FilterSpec(
                objectSet=[vmodl.query.PropertyCollector.ObjectSpec(
                    obj=view, skip=True,
                    selectSet=[vmodl.query.PropertyCollector.TraversalSpec(
                        type=vim.view.ContainerView, path="view", skip=False)])],
                propSet=[vmodl.query.PropertyCollector.PropertySpec(
                    type=getattr(vim, ps["type"]), all=False, pathSet=ps["paths"])
                    for ps in collect["propSets"]])
            pc = content.propertyCollector
            options = vmodl.query.PropertyCollector.RetrieveOptions(maxObjects=collect.get("maxObjects", 1000))
            result = pc.RetrievePropertiesEx([spec], options)
            objects, devices = 0, 0
            while result is not None:
                for oc in result.objects:
                    objects += 1
                    for prop in oc.propSet:
                        if prop.name == "config.hardware.device":
                            devices += len(prop.val)
                if not result.token:
                    break
                result = pc.ContinueRetrievePropertiesEx(result.token)
            seconds = time.monotonic() - start  # to the last object, like the other peers
        finally:
            view.Destroy()
    finally:
        Disconnect(si)
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"seconds": seconds, "objects": objects, "devices": devices, "maxRssMB": ru.ru_maxrss / 1024,
                      "cpuSeconds": ru.ru_utime + ru.ru_stime}))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # one line, no traceback: the runner prints it
        print(f"pyvmomi-peer: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
