// Servers a busybox pod's command starts (nc -l -p PORT, httpd [-p PORT]) listen on their
// ports whatever the pod declares; nc -zvv also reports the bytes moved, as nc_bloaty.c's
// SENT_N_RECV_M ("sent %u, rcvd %u") does at two -v.
import { describe, expect, it } from 'vitest';
import { newConsole, play, run } from './helpers.js';

describe('busybox servers', () => {
  it('nc -lk -p in a sh -c script, httpd on 80 by default or -p', async () => {
    const c = newConsole();
    await play(c, 'kubectl run srv --image=busybox -- sh -c "nc -lk -p 8080 & nc -lk -p 9090"\nkubectl run www --image=busybox -- httpd -f\nkubectl run client --image=busybox -- sleep 3600\n');
    const ip = (name: string) => run(c, `kubectl get pod ${name} -o jsonpath='{.status.podIP}'`).then((r) => r.out);
    const srv = await ip('srv');
    const www = await ip('www');
    for (const port of [8080, 9090]) expect((await run(c, `kubectl exec client -- nc -zv -w 2 ${srv} ${port}`)).lines).toEqual([`${srv} (${srv}:${port}) open`]);
    expect((await run(c, `kubectl exec client -- nc -zv -w 2 ${www} 80`)).lines).toEqual([`${www} (${www}:80) open`]);
    // One -v keeps a refusal quiet; two show it and the tally.
    expect((await run(c, `kubectl exec client -- nc -zv -w 2 ${srv} 7070`)).lines).toEqual(['command terminated with exit code 1']);
    expect((await run(c, `kubectl exec client -- nc -zvv -w 2 ${srv} 7070`)).lines).toEqual([`nc: ${srv} (${srv}:7070): Connection refused`, 'sent 0, rcvd 0', 'command terminated with exit code 1']);
    expect((await run(c, `kubectl exec client -- nc -zvv -w 2 ${srv} 8080`)).lines).toEqual([`${srv} (${srv}:8080) open`, 'sent 0, rcvd 0']);
  });
});

describe('busybox hostname', () => {
  it('-i prints the pod IP (its /etc/hosts line), as hostname.c prints gethostbyname\'s addresses', async () => {
    const c = newConsole();
    await play(c, 'kubectl run client --image=busybox -- sleep 3600\n');
    const ip = (await run(c, "kubectl get pod client -o jsonpath='{.status.podIP}'")).out;
    expect((await run(c, 'kubectl exec client -- hostname -i')).lines).toEqual([ip]);
    expect((await run(c, 'kubectl exec client -- hostname')).lines).toEqual(['client']);
  });
});
