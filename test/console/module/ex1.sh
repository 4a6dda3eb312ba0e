# 1. Create a namespace
kubectl create namespace netpol-test

# 2. Create two deployments
kubectl create deployment web --image=nginx -n netpol-test
kubectl expose deployment web --port=80 -n netpol-test

kubectl create deployment client --image=busybox -n netpol-test \
  -- sleep 3600

# 3. Test connectivity (should work — no policies yet)
kubectl exec -n netpol-test deploy/client -- wget -qO- --timeout=3 http://web
# HTML output = success

# 4. Apply default deny ingress
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all-ingress
  namespace: netpol-test
spec:
  podSelector: {}
  policyTypes:
  - Ingress
EOF

# 5. Test again (should fail)
kubectl exec -n netpol-test deploy/client -- wget -qO- --timeout=3 http://web
# wget: download timed out

# 6. Allow client → web
cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client-to-web
  namespace: netpol-test
spec:
  podSelector:
    matchLabels:
      app: web
  policyTypes:
  - Ingress
  ingress:
  - from:
    - podSelector:
        matchLabels:
          app: client
    ports:
    - port: 80
      protocol: TCP
EOF

# 7. Test again (should work)
kubectl exec -n netpol-test deploy/client -- wget -qO- --timeout=3 http://web

# 8. Clean up
kubectl delete namespace netpol-test
