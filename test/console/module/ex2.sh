# 1. Create namespace and pods
kubectl create namespace egress-test
kubectl create deployment app --image=busybox -n egress-test -- sleep 3600

# 2. Test DNS works
kubectl exec -n egress-test deploy/app -- nslookup google.com

# 3. Apply deny-all egress
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all-egress
  namespace: egress-test
spec:
  podSelector: {}
  policyTypes:
  - Egress
EOF

# 4. Test DNS (should fail)
kubectl exec -n egress-test deploy/app -- nslookup google.com
# nslookup: can't resolve

# 5. Allow DNS egress
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-dns
  namespace: egress-test
spec:
  podSelector: {}
  policyTypes:
  - Egress
  egress:
  - ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
EOF

# 6. Test DNS again (should work)
kubectl exec -n egress-test deploy/app -- nslookup google.com

# 7. Clean up
kubectl delete namespace egress-test
