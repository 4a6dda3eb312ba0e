# 1. List all Network Policies in the namespace
kubectl get networkpolicies -n <namespace>
kubectl get netpol -n <namespace>              # shortname

# 2. Describe a specific policy
kubectl describe netpol <name> -n <namespace>

# 3. Check which pods the policy selects
kubectl get pods -n <namespace> -l <selector-from-podSelector>

# 4. Check if the source pods match the "from" selector
kubectl get pods -n <source-namespace> --show-labels

# 5. Check if namespaces have the required labels
kubectl get namespaces --show-labels

# 6. Verify the CNI supports Network Policies
kubectl get pods -n kube-system | grep -E "calico|cilium"

# 7. Test connectivity
kubectl run test --image=busybox -it --rm --restart=Never -- \
  nc -zv -w3 <target-ip> <port>
