# Create a test pod
kubectl run test --image=busybox -it --rm --restart=Never -- sh

# Test TCP connectivity
nc -zv <target-pod-ip> <port>
# or
wget -qO- --timeout=3 http://<service-name>:<port>

# Test from a specific namespace
kubectl run test -n <namespace> --image=busybox -it --rm --restart=Never -- \
  wget -qO- --timeout=3 http://<service>.<target-ns>:<port>
